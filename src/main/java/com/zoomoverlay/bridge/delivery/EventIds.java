package com.zoomoverlay.bridge.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable ids: the same event always gets the same id, so retries and re-routing can be deduplicated. */
final class EventIds {

    private EventIds() {
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Standard Webhooks {@code webhook-id} of an event for a target: the same on every retry. */
    static String webhookId(String eventId, String target) {
        return "msg_" + sha256(eventId + "|" + target).substring(0, 32);
    }
}
