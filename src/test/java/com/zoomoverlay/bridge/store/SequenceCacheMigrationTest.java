package com.zoomoverlay.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

import com.zoomoverlay.bridge.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V35: the embedded store's identities hand out ids from a large cache (one metadata write per 10,000
 * events instead of per 32), ids keep rising across a reopen; PostgreSQL keeps its per-session default.
 */
class SequenceCacheMigrationTest {

    @TempDir
    Path dir;

    @Test
    void embedded_identities_cache_ten_thousand_ids_and_keep_rising_after_a_reopen() throws SQLException {
        String url = Database.embeddedUrl(dir);
        migrate(url, "bridge", "");
        try (Connection c = DriverManager.getConnection(url, "bridge", "")) {
            assertThat(h2Caches(c)).containsOnlyKeys("accepted_event.seq", "delivery.id", "unrouted_event.seq")
                    .allSatisfy((column, cache) -> assertThat(cache).as(column).isEqualTo(10_000L));
        }
        long first = insertDelivery(url, "bridge", "");
        long second = insertDelivery(url, "bridge", "");
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void postgresql_identities_keep_their_default_cache() throws SQLException {
        TestPostgres db = TestPostgres.freshSchema();
        try {
            var env = db.env();
            migrate(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
            try (Connection c = DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"),
                    env.get("DATABASE_PASSWORD")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT sequencename, cache_size FROM pg_sequences WHERE schemaname = current_schema()")) {
                int seen = 0;
                while (rs.next()) {
                    seen++;
                    assertThat(rs.getLong(2)).as(rs.getString(1)).isEqualTo(1L);
                }
                assertThat(seen).isGreaterThanOrEqualTo(3);
            }
        } finally {
            db.drop();
        }
    }

    private static Map<String, Long> h2Caches(Connection c) throws SQLException {
        Map<String, Long> caches = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name, column_name, identity_cache FROM information_schema.columns "
                        + "WHERE is_identity = 'YES' AND table_schema = current_schema()")) {
            while (rs.next()) {
                caches.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
            }
        }
        return caches;
    }

    /** One delivery row on a connection of its own (the database closes with it); returns its id. */
    private static long insertDelivery(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement p = c.prepareStatement("INSERT INTO delivery (delivery_id, target, event_type, status, "
                        + "attempts, created_at, enqueued_at) VALUES ('msg_x', 'default', 'meeting.started', 'pending', 0, ?, ?)",
                        new String[] {"id"})) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            p.setTimestamp(1, now);
            p.setTimestamp(2, now);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password)
                .locations(Database.MIGRATIONS).load().migrate();
    }
}
