package com.zoomoverlay.bridge.store.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Lets the embedded store hand out ids of the three identity columns written per event from memory.
 *
 * <p>H2 persists an identity's high-water mark every {@code CACHE} values (32 by default) with a write of
 * the schema's metadata and a commit of its own: in a burst that was 17 % of the intake thread's time
 * (JFR, BENCHMARKS.md). With a cache of {@value #CACHE} the mark moves once per that many events. H2's
 * cache is one per database, not per session, so ids still rise in commit order (the lanes rely on it,
 * {@code DeliveryWriter.appendOrder}); after a crash the next id starts above the persisted mark, so ids
 * never go back, they only skip.
 *
 * <p>PostgreSQL is left alone: its sequence cache is per session, so two pooled connections would hand
 * out interleaved ranges and a later batch could get lower ids than an earlier one.
 */
public final class V35__Embedded_sequence_cache extends BaseJavaMigration {

    static final int CACHE = 10_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE accepted_event ALTER COLUMN seq SET CACHE " + CACHE);
            s.execute("ALTER TABLE delivery ALTER COLUMN id SET CACHE " + CACHE);
            s.execute("ALTER TABLE unrouted_event ALTER COLUMN seq SET CACHE " + CACHE);
        }
    }
}
