package com.zoomoverlay.bridge.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable ids: the same event always gets the same id, so repeats, retries and re-routing can be deduplicated. */
public final class EventKeys {

    private EventKeys() {
    }

    /** The id of an event from its canonical JSON text (the transports agree on the canonical form). */
    public static String eventId(String canonicalJson) {
        return sha256(canonicalJson);
    }

    /**
     * The store's compact key of an event id: its first 8 bytes as a number. Short keys keep the store's
     * dedupe index small; the full id is stored beside it and compared, so a key collision is never
     * taken for a repeat.
     */
    public static long storeKey(String eventId) {
        return Long.parseUnsignedLong(eventId.substring(0, 16), 16);
    }

    /** The Standard Webhooks {@code webhook-id} of an event for a target: the same on every retry. */
    public static String webhookId(String eventId, String target) {
        return "msg_" + sha256(eventId + "|" + target).substring(0, 32);
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
