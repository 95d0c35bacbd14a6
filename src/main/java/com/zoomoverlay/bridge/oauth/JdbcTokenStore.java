package com.zoomoverlay.bridge.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.zoomoverlay.bridge.store.Jdbc;

/**
 * {@link TokenStore} on the bridge's SQL store (H2 or PostgreSQL, table {@code oauth_token}): one row,
 * sealed with {@link TokenCipher} using the row's identity as associated data. A store failure is a
 * {@link Jdbc.StoreException}, which names the SQLSTATE only.
 */
public final class JdbcTokenStore implements TokenStore {

    static final String TOKEN_ID = "zoom";

    private final Jdbc jdbc;
    private final TokenCipher cipher;
    private final Clock clock;

    public JdbcTokenStore(Jdbc jdbc, TokenCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<StoredToken> load() {
        return jdbc.queryOne("SELECT sealed FROM oauth_token WHERE token_id = ?", rs -> rs.getString(1), TOKEN_ID)
                .map(sealed -> StoredToken.fromJson(cipher.open(sealed, identity())));
    }

    /** Update, else insert: portable between H2 and PostgreSQL, and only the leader ever writes. */
    @Override
    public void save(StoredToken token) {
        String sealed = cipher.seal(token.toJson(), identity());
        long now = clock.millis();
        jdbc.inTransaction(tx -> {
            if (tx.update("UPDATE oauth_token SET sealed = ?, updated_at = ?, version = version + 1,"
                    + " refresh_claimed_by = NULL, refresh_claimed_until = NULL WHERE token_id = ?", sealed, now, TOKEN_ID) == 0) {
                tx.update("INSERT INTO oauth_token (token_id, sealed, updated_at, version) VALUES (?, ?, ?, 1)",
                        TOKEN_ID, sealed, now);
            }
            return null;
        });
    }

    @Override
    public long version() {
        return jdbc.queryOne("SELECT version FROM oauth_token WHERE token_id = ?", rs -> rs.getLong(1), TOKEN_ID).orElse(0L);
    }

    @Override
    public boolean claimRefresh(long version, String claimant, Instant until) {
        return jdbc.update("UPDATE oauth_token SET refresh_claimed_by = ?, refresh_claimed_until = ? WHERE token_id = ?"
                        + " AND version = ? AND (refresh_claimed_by IS NULL OR refresh_claimed_by = ?"
                        + " OR refresh_claimed_until < ?)",
                claimant, until.toEpochMilli(), TOKEN_ID, version, claimant, clock.millis()) == 1;
    }

    private static String identity() {
        return "oauth_token/" + TOKEN_ID;
    }
}
