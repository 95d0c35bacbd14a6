package com.zoomoverlay.bridge.zoomhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.events.ZoomEvent;
import com.zoomoverlay.bridge.json.Json;

/**
 * Decides what a {@code POST /zoom/webhook} request is, in the order that reveals nothing to an
 * unauthenticated sender: the signature first (401), then the timestamp (400, replay protection), then
 * the body (400). What passes is a URL validation challenge or a Zoom event.
 */
final class WebhookCheck {

    static final String URL_VALIDATION = "endpoint.url_validation";
    /** Zoom's names are short dotted words; the store's column holds 128. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private final ZoomSignature signature;
    private final Clock clock;
    private final Duration tolerance;

    WebhookCheck(ZoomSignature signature, Clock clock, Duration tolerance) {
        this.signature = signature;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** What the request turned out to be. */
    sealed interface Outcome {
    }

    record Refused(Rejection rejection) implements Outcome {
    }

    record Validation(String plainToken) implements Outcome {
    }

    record Event(ZoomEvent event) implements Outcome {
    }

    Outcome check(String signatureHeader, String timestampHeader, byte[] body) {
        if (signatureHeader == null || signatureHeader.isBlank() || timestampHeader == null || timestampHeader.isBlank()) {
            return new Refused(Rejection.MISSING_SIGNATURE);
        }
        if (!signature.matches(signatureHeader, timestampHeader, body)) {
            return new Refused(Rejection.BAD_SIGNATURE);
        }
        Rejection time = timestamp(timestampHeader.trim());
        if (time != null) {
            return new Refused(time);
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return new Refused(Rejection.MALFORMED_BODY);
        }
        if (URL_VALIDATION.equals(json.path("event").asText(null))) {
            JsonNode plain = json.path("payload").path("plainToken");
            return plain.isTextual() && !plain.asText().isEmpty() && plain.asText().length() <= 256
                    ? new Validation(plain.asText()) : new Refused(Rejection.MALFORMED_BODY);
        }
        ZoomEvent event = ZoomEvent.of(json);
        if (event == null || !json.path("payload").isObject()) {
            return new Refused(Rejection.MALFORMED_BODY);
        }
        // Bridge-made events (bridge.gap, bridge.snapshot) come only from the bridge itself.
        if (!TYPE.matcher(event.type()).matches() || event.type().startsWith("bridge.")) {
            return new Refused(Rejection.BAD_EVENT_TYPE);
        }
        return new Event(event);
    }

    /** Zoom sends unix seconds; a request further than the tolerance from now is refused as a possible replay. */
    private Rejection timestamp(String raw) {
        long seconds;
        try {
            seconds = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return Rejection.BAD_TIMESTAMP;
        }
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(seconds);
        } catch (java.time.DateTimeException e) {
            return Rejection.BAD_TIMESTAMP;
        }
        Duration off = Duration.between(sent, clock.instant()).abs();
        return off.compareTo(tolerance) > 0 ? Rejection.STALE_TIMESTAMP : null;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
