package com.zoomoverlay.bridge.http.server;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.http.security.SecurityHeaders;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.log.LogBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests refused before any route sees them: a head Netty could not decode (too long a request line, too
 * many header bytes, garbage) and a path or query with a broken percent escape ({@code GET /%zz}), which
 * Vert.x Web's router would otherwise fail on with an ERROR and a stack trace for every request. Each gets
 * the contract's JSON error with the security headers, a count in {@code http_requests_refused_total{reason}}
 * and at most 20 WARN lines a minute, and its connection is closed.
 */
final class BadRequests {

    private static final Logger LOG = LoggerFactory.getLogger(BadRequests.class);
    private static final int LOG_LINES_PER_MINUTE = 20;

    private final MeterRegistry registry;
    private final LogBudget logBudget;

    BadRequests(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.logBudget = new LogBudget(LOG_LINES_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    /** Vert.x's invalid request handler: the request head could not be decoded. */
    void undecodable(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuse(request, 414, "line_too_long", "uri_too_long", "The request line is longer than the server accepts.");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(request, 431, "headers_too_large", "headers_too_large", "The request headers are larger than the server accepts.");
        } else {
            refuse(request, 400, "malformed", "bad_request", "The request is malformed.");
        }
    }

    /** Answers and returns true when the path or query holds a percent escape that cannot be decoded. */
    boolean refusedEscape(HttpServerRequest request) {
        if (escapesAreValid(request.path()) && escapesAreValid(request.query())) {
            return false;
        }
        refuse(request, 400, "bad_escape", "bad_request", "The request's path or query has a malformed percent escape.");
        return true;
    }

    /** Every {@code %} followed by two hex digits, as a URI decoder needs. */
    static boolean escapesAreValid(String raw) {
        if (raw == null) {
            return true;
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void refuse(HttpServerRequest request, int status, String reason, String error, String message) {
        Counter.builder("http.requests.refused").description("Requests refused by the HTTP layer before any route")
                .tag("reason", reason).register(registry).increment();
        OptionalLong suppressed = logBudget.take();
        if (suppressed.isPresent()) {
            // No path or header: they are the attacker's text, of any length.
            LOG.warn("http request refused reason={} status={} client={} linesSuppressed={}",
                    reason, status, client(request.remoteAddress()), suppressed.getAsLong());
        }
        var response = request.response();
        if (response.ended() || response.headWritten()) {
            request.connection().close();
            return;
        }
        SecurityHeaders.apply(response.headers(), null);
        response.setStatusCode(status)
                .putHeader("Content-Type", Json.CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store")
                .putHeader("Connection", "close")
                .end(HttpReplies.errorJson(error, message))
                .onComplete(done -> request.connection().close());
    }

    static String client(SocketAddress address) {
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }
}
