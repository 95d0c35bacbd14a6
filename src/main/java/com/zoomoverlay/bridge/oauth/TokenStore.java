package com.zoomoverlay.bridge.oauth;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the Zoom grant survives restarts. The default keeps it, sealed, in the bridge's store
 * (embedded under {@code DATA_DIR}, or the shared PostgreSQL).
 */
public interface TokenStore {

    /**
     * The stored grant, if any.
     *
     * @throws UnreadableTokenException when a record exists but cannot be read (wrong key, corrupt)
     */
    Optional<StoredToken> load();

    /** Replaces the stored grant (an unreadable record included). */
    void save(StoredToken token);

    /**
     * Bumped by every save, 0 when nothing is stored: a cheap way for the leader to notice a login
     * completed on another replica.
     */
    long version();

    /**
     * Claims the stored refresh token for one refresh by {@code claimant}: true for one claimant at a time,
     * and only while the store still holds {@code version} (a newer grant saved elsewhere wins). The claim
     * ends with the next {@link #save} or at {@code until}; its holder may renew it.
     */
    boolean claimRefresh(long version, String claimant, Instant until);
}
