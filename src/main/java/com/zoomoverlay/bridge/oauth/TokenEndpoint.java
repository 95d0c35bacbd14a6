package com.zoomoverlay.bridge.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.retry.RetryAfter;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Asks Zoom's token endpoint for tokens through the {@code oauth-token-request} route and sorts the
 * answer into what the caller must do: use it, give up on the grant, retry later, or stop.
 */
public final class TokenEndpoint {

    /** The route that performs the HTTP call (camel-http, Basic client auth, timeouts). */
    public static final String ROUTE = "direct:oauth-token-request";
    /** Set by the route when the call itself failed (timeout, connection refused): the exception's simple name. */
    static final String FAILURE_HEADER = "OAuthTokenRequestFailure";

    /** What came back from a token request. */
    public sealed interface Result permits Granted, InvalidGrant, Transient, Rejected {
    }

    /** Tokens issued. {@link #toString()} hides them. */
    public record Granted(String accessToken, Optional<String> refreshToken, Duration expiresIn, List<String> scopes)
            implements Result {
        @Override
        public String toString() {
            return "Granted[expiresIn=" + expiresIn + ", scopes=" + scopes + "]";
        }
    }

    /** The grant is gone (revoked, expired, already used): only a new login helps. */
    public record InvalidGrant() implements Result {
    }

    /** Worth retrying: a timeout, a 5xx, a 429 (with the server's Retry-After when it gave one). */
    public record Transient(String reason, Optional<Duration> retryAfter) implements Result {
    }

    /** Any other refusal (bad client credentials, bad request): retrying cannot help. */
    public record Rejected(int status, String error) implements Result {
    }

    private static final Pattern SAFE_ERROR = Pattern.compile("[a-z_]{1,40}");

    private final ProducerTemplate producer;
    private final Clock clock;

    /** {@code clock} dates an HTTP-date {@code Retry-After} (the bridge's clock, which tests move). */
    public TokenEndpoint(ProducerTemplate producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public Result request(Map<String, String> form) {
        Exchange exchange = producer.request(ROUTE, e -> e.getMessage().setBody(formBody(form)));
        if (exchange.getException() != null) {
            return new Transient(exchange.getException().getClass().getSimpleName(), Optional.empty());
        }
        String failure = exchange.getMessage().getHeader(FAILURE_HEADER, String.class);
        if (failure != null) {
            return new Transient(failure, Optional.empty());
        }
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 200) {
            return granted(body);
        }
        if (status == 429 || status == 408 || status >= 500) {
            return new Transient("status " + status, 
                    RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), clock.instant()));
        }
        String error = errorCode(body);
        return status == 400 && "invalid_grant".equals(error) ? new InvalidGrant() : new Rejected(status, error);
    }

    private static Result granted(String body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body == null ? "" : body);
            String access = n.path("access_token").asText("");
            long expiresIn = n.path("expires_in").asLong(0);
            if (access.isEmpty() || expiresIn <= 0) {
                return new Transient("incomplete token response", Optional.empty());
            }
            Optional<String> refresh = n.path("refresh_token").isTextual() && !n.path("refresh_token").asText().isEmpty()
                    ? Optional.of(n.path("refresh_token").asText()) : Optional.empty();
            List<String> scopes = Arrays.stream(n.path("scope").asText("").split(" ")).filter(s -> !s.isBlank()).toList();
            return new Granted(access, refresh, Duration.ofSeconds(expiresIn), scopes);
        } catch (Exception e) {
            return new Transient("unreadable token response", Optional.empty());
        }
    }

    /** Zoom's error code, if it is a plain identifier (it ends up in logs and metrics, so nothing else). */
    private static String errorCode(String body) {
        try {
            String error = Json.MAPPER.readTree(body == null ? "" : body).path("error").asText("");
            return SAFE_ERROR.matcher(error).matches() ? error : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
