package com.zoomoverlay.bridge.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;

/**
 * The Zoom grant the bridge holds: access token, refresh token (none for Server-to-Server), when the
 * access token expires, the scopes Zoom granted. {@link #toString()} never shows a token.
 */
public record StoredToken(
        String accessToken,
        Optional<String> refreshToken,
        Instant expiresAt,
        List<String> scopes,
        Instant obtainedAt,
        Optional<Instant> lastRefreshAt,
        String grantType) {


    public StoredToken {
        scopes = List.copyOf(scopes);
    }

    public Duration lifetime() {
        return Duration.between(obtainedAt, expiresAt);
    }

    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** The plaintext that gets sealed; only ever handed to {@link TokenCipher}. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessToken", accessToken);
        m.put("refreshToken", refreshToken.orElse(null));
        m.put("expiresAt", expiresAt.toEpochMilli());
        m.put("scopes", scopes);
        m.put("obtainedAt", obtainedAt.toEpochMilli());
        m.put("lastRefreshAt", lastRefreshAt.map(Instant::toEpochMilli).orElse(null));
        m.put("grantType", grantType);
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render stored token", e);
        }
    }

    static StoredToken fromJson(String json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            List<String> scopes = new ArrayList<>();
            n.path("scopes").forEach(s -> scopes.add(s.asText()));
            String access = n.path("accessToken").asText("");
            if (access.isEmpty() || !n.path("expiresAt").canConvertToLong()) {
                throw new UnreadableTokenException("stored token record is incomplete");
            }
            return new StoredToken(access,
                    n.path("refreshToken").isTextual() ? Optional.of(n.path("refreshToken").asText()) : Optional.empty(),
                    Instant.ofEpochMilli(n.path("expiresAt").asLong()),
                    scopes,
                    Instant.ofEpochMilli(n.path("obtainedAt").asLong()),
                    n.path("lastRefreshAt").canConvertToLong() && !n.path("lastRefreshAt").isNull()
                            ? Optional.of(Instant.ofEpochMilli(n.path("lastRefreshAt").asLong())) : Optional.empty(),
                    n.path("grantType").asText("authorization_code"));
        } catch (JsonProcessingException e) {
            throw new UnreadableTokenException("stored token record is not valid JSON");
        }
    }

    @Override
    public String toString() {
        return "StoredToken[grantType=" + grantType + ", expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
