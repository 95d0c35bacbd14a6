package com.zoomoverlay.bridge.oauth;

/** The grant is gone (revoked, expired or unreadable): only a person logging in again can fix it. */
public final class ReauthorizationRequiredException extends RuntimeException {

    public ReauthorizationRequiredException(String message) {
        super(message);
    }
}
