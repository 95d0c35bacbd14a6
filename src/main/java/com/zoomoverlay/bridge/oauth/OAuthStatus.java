package com.zoomoverlay.bridge.oauth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthContributor;

/**
 * What the bridge tells people about its Zoom grant: the {@code /oauth/status} body, the {@code oauth}
 * health check (DEGRADED, never DOWN, when a person must act: the console must stay reachable) and the
 * gauges. Nothing here ever shows a token.
 */
final class OAuthStatus {

    private final ZoomTokenService service;
    private final List<String> requiredScopes;
    private final Clock clock;

    OAuthStatus(ZoomTokenService service, List<String> requiredScopes, Clock clock) {
        this.service = service;
        this.requiredScopes = requiredScopes;
        this.clock = clock;
    }

    boolean authorized() {
        return service.current().isPresent() && !service.reauthorizationRequired();
    }

    List<String> missingScopes() {
        return service.current()
                .map(t -> requiredScopes.stream().filter(s -> !t.scopes().contains(s)).toList())
                .orElse(List.of());
    }

    /** The contract's {@code /oauth/status} fields, plus {@code missingScopes} and {@code mode}. */
    Map<String, Object> body() {
        Optional<StoredToken> token = service.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authorized", authorized());
        body.put("expiresAt", token.map(t -> t.expiresAt().toString()).orElse(null));
        body.put("scopes", token.map(StoredToken::scopes).orElse(List.of()));
        body.put("lastRefreshAt", token.flatMap(StoredToken::lastRefreshAt).map(Object::toString).orElse(null));
        body.put("reauthorizationRequired", service.reauthorizationRequired());
        body.put("missingScopes", missingScopes());
        body.put("mode", service.serverToServer() ? "server_to_server" : "authorization_code");
        return body;
    }

    double secondsToExpiry() {
        return service.current()
                .map(t -> Math.max(0, Duration.between(clock.instant(), t.expiresAt()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    HealthContributor health() {
        return HealthContributor.of("oauth", () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("authorized", authorized());
            details.put("reauthorizationRequired", service.reauthorizationRequired());
            details.put("missingScopes", missingScopes());
            boolean expired = service.currentAccessToken().isEmpty();
            details.put("tokenValid", !expired);
            boolean healthy = authorized() && !expired && missingScopes().isEmpty();
            return healthy ? HealthCheckResult.up(details) : HealthCheckResult.degraded(details);
        });
    }
}
