package com.zoomoverlay.bridge.oauth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * {@link TokenStore} on the bridge's SQL store (H2 or PostgreSQL, table {@code oauth_token}): one row,
 * sealed with {@link TokenCipher} using the row's identity as associated data.
 */
public final class JdbcTokenStore implements TokenStore {

    static final String TOKEN_ID = "zoom";

    private final DataSource dataSource;
    private final TokenCipher cipher;
    private final Clock clock;

    public JdbcTokenStore(DataSource dataSource, TokenCipher cipher, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<StoredToken> load() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT sealed FROM oauth_token WHERE token_id = ?")) {
            select.setString(1, TOKEN_ID);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(StoredToken.fromJson(cipher.open(rs.getString(1), identity())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("token store unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** Update, else insert: portable between H2 and PostgreSQL, and only the leader ever writes. */
    @Override
    public void save(StoredToken token) {
        String sealed = cipher.seal(token.toJson(), identity());
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE oauth_token SET sealed = ?, updated_at = ?, version = version + 1,"
                            + " refresh_claimed_by = NULL, refresh_claimed_until = NULL WHERE token_id = ?")) {
                update.setString(1, sealed);
                update.setLong(2, now);
                update.setString(3, TOKEN_ID);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO oauth_token (token_id, sealed, updated_at, version) VALUES (?, ?, ?, 1)")) {
                        insert.setString(1, TOKEN_ID);
                        insert.setString(2, sealed);
                        insert.setLong(3, now);
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("token store write failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public long version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT version FROM oauth_token WHERE token_id = ?")) {
            select.setString(1, TOKEN_ID);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("token store unavailable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean claimRefresh(long version, String claimant, Instant until) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement claim = c.prepareStatement(
                     "UPDATE oauth_token SET refresh_claimed_by = ?, refresh_claimed_until = ? WHERE token_id = ?"
                             + " AND version = ? AND (refresh_claimed_by IS NULL OR refresh_claimed_by = ?"
                             + " OR refresh_claimed_until < ?)")) {
            claim.setString(1, claimant);
            claim.setLong(2, until.toEpochMilli());
            claim.setString(3, TOKEN_ID);
            claim.setLong(4, version);
            claim.setString(5, claimant);
            claim.setLong(6, clock.millis());
            return claim.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("token store unavailable: " + e.getClass().getSimpleName());
        }
    }

    private static String identity() {
        return "oauth_token/" + TOKEN_ID;
    }
}
