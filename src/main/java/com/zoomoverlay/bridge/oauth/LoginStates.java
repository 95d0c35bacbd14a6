package com.zoomoverlay.bridge.oauth;

import java.time.Instant;
import java.util.Optional;

import com.zoomoverlay.bridge.digest.Sha256;
import com.zoomoverlay.bridge.store.Jdbc;

/**
 * Logins in progress ({@code oauth_login_state}): each {@code state} maps to its sealed PKCE verifier
 * until it is used once or expires. Kept in the shared store so a callback may land on any replica;
 * the state itself is stored only as a hash. A store failure is a {@link Jdbc.StoreException} (SQLSTATE only).
 */
public final class LoginStates {

    /** What a callback's {@code state} turned out to be. */
    public enum Outcome { VALID, UNKNOWN, EXPIRED }

    /** The result of consuming a state: the verifier only when {@link Outcome#VALID}. */
    public record Consumed(Outcome outcome, Optional<String> verifier) {
    }

    private record Row(String sealed, long expiresAt) {
    }

    private final Jdbc jdbc;
    private final TokenCipher cipher;

    public LoginStates(Jdbc jdbc, TokenCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void create(String state, String verifier, Instant expiresAt, Instant now) {
        String hash = hash(state);
        jdbc.update("DELETE FROM oauth_login_state WHERE expires_at < ?", now.toEpochMilli());
        jdbc.update("INSERT INTO oauth_login_state (state_hash, sealed_verifier, expires_at) VALUES (?, ?, ?)",
                hash, cipher.seal(verifier, identity(hash)), expiresAt.toEpochMilli());
    }

    /**
     * Uses up {@code state}: whatever the outcome, it cannot be used again. The DELETE decides who wins
     * when the same state arrives twice at once, so exactly one caller sees {@link Outcome#VALID}.
     */
    public Consumed consume(String state, Instant now) {
        String hash = hash(state);
        Optional<Row> row = jdbc.queryOne("SELECT sealed_verifier, expires_at FROM oauth_login_state WHERE state_hash = ?",
                rs -> new Row(rs.getString(1), rs.getLong(2)), hash);
        if (row.isEmpty() || jdbc.update("DELETE FROM oauth_login_state WHERE state_hash = ?", hash) == 0) {
            return new Consumed(Outcome.UNKNOWN, Optional.empty());
        }
        if (now.toEpochMilli() >= row.get().expiresAt()) {
            return new Consumed(Outcome.EXPIRED, Optional.empty());
        }
        try {
            return new Consumed(Outcome.VALID, Optional.of(cipher.open(row.get().sealed(), identity(hash))));
        } catch (UnreadableTokenException e) {
            // sealed under a key that is no longer configured: treat as unknown, the user starts again
            return new Consumed(Outcome.UNKNOWN, Optional.empty());
        }
    }

    private static String identity(String hash) {
        return "oauth_login_state/" + hash;
    }

    static String hash(String state) {
        return Sha256.hex(state);
    }
}
