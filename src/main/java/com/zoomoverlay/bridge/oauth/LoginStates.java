package com.zoomoverlay.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Logins in progress ({@code oauth_login_state}): each {@code state} maps to its sealed PKCE verifier
 * until it is used once or expires. Kept in the shared store so a callback may land on any replica;
 * the state itself is stored only as a hash.
 */
public final class LoginStates {

    /** What a callback's {@code state} turned out to be. */
    public enum Outcome { VALID, UNKNOWN, EXPIRED }

    /** The result of consuming a state: the verifier only when {@link Outcome#VALID}. */
    public record Consumed(Outcome outcome, Optional<String> verifier) {
    }

    private final DataSource dataSource;
    private final TokenCipher cipher;

    public LoginStates(DataSource dataSource, TokenCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public void create(String state, String verifier, Instant expiresAt, Instant now) {
        String hash = hash(state);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM oauth_login_state WHERE expires_at < ?")) {
                purge.setLong(1, now.toEpochMilli());
                purge.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO oauth_login_state (state_hash, sealed_verifier, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, hash);
                insert.setString(2, cipher.seal(verifier, identity(hash)));
                insert.setLong(3, expiresAt.toEpochMilli());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("login state store failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Uses up {@code state}: whatever the outcome, it cannot be used again. The DELETE decides who wins
     * when the same state arrives twice at once, so exactly one caller sees {@link Outcome#VALID}.
     */
    public Consumed consume(String state, Instant now) {
        String hash = hash(state);
        try (Connection c = dataSource.getConnection()) {
            String sealed;
            long expiresAt;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT sealed_verifier, expires_at FROM oauth_login_state WHERE state_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return new Consumed(Outcome.UNKNOWN, Optional.empty());
                    }
                    sealed = rs.getString(1);
                    expiresAt = rs.getLong(2);
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM oauth_login_state WHERE state_hash = ?")) {
                delete.setString(1, hash);
                if (delete.executeUpdate() == 0) {
                    return new Consumed(Outcome.UNKNOWN, Optional.empty());
                }
            }
            if (now.toEpochMilli() >= expiresAt) {
                return new Consumed(Outcome.EXPIRED, Optional.empty());
            }
            return new Consumed(Outcome.VALID, Optional.of(cipher.open(sealed, identity(hash))));
        } catch (SQLException e) {
            throw new IllegalStateException("login state store failed: " + e.getClass().getSimpleName());
        } catch (UnreadableTokenException e) {
            // sealed under a key that is no longer configured: treat as unknown, the user starts again
            return new Consumed(Outcome.UNKNOWN, Optional.empty());
        }
    }

    private static String identity(String hash) {
        return "oauth_login_state/" + hash;
    }

    static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
