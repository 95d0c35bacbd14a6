package com.zoomoverlay.bridge.zoom;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Recognises the WebSocket stack's own size errors, which never reach the decoder: a message whose
 * fragments add up to more than the client's message limit (Vert.x drops it and reports an
 * {@link IllegalStateException}, the socket stays up) and a single frame over the frame limit (Netty
 * closes the socket with 1009). Both come back as the number of bytes the message had at least.
 */
final class OversizedFrames {

    private static final Pattern MESSAGE_TOO_BIG =
            Pattern.compile("frame of size (\\d+), it would cause message buffer \\(size (\\d+)\\) to overflow max message size");

    private OversizedFrames() {
    }

    /** At least how many bytes the refused message had (the limit + 1 when only that is known); empty for other errors. */
    static Optional<Long> atLeastBytes(Throwable error, int stackLimit) {
        // the stack may hand the size error over wrapped (a decoder or connection exception around it)
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            Optional<Long> bytes = atLeastBytesOf(e, stackLimit);
            if (bytes.isPresent()) {
                return bytes;
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> atLeastBytesOf(Throwable error, int stackLimit) {
        if (error instanceof CorruptedWebSocketFrameException corrupted
                && corrupted.closeStatus() != null
                && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            return Optional.of(stackLimit + 1L);
        }
        if (error instanceof IllegalStateException && error.getMessage() != null) {
            Matcher m = MESSAGE_TOO_BIG.matcher(error.getMessage());
            if (m.find()) {
                return Optional.of(Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)));
            }
        }
        return Optional.empty();
    }
}
