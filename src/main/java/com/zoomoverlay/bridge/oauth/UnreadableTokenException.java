package com.zoomoverlay.bridge.oauth;

/** A stored token that cannot be read back (wrong key, corrupt record). The message never holds key or token material. */
public final class UnreadableTokenException extends RuntimeException {

    public UnreadableTokenException(String message) {
        super(message);
    }
}
