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
import java.util.ArrayList;
import java.util.List;

import com.zoomoverlay.bridge.events.EventKeys;
import com.zoomoverlay.bridge.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V34 on a store written by the previous layout (V33): events keep their seq and get their event_ts from
 * the body, deliveries and unrouted events point at them by seq, and new rows get fresh seqs. On the
 * embedded store and on PostgreSQL.
 */
class EventKeyMigrationTest {

    private static final String BODY_1 = "{\"event\":\"meeting.started\",\"event_ts\":1764662400001,\"payload\":{}}";
    private static final String BODY_2 = "{\"event\":\"meeting.ended\",\"event_ts\":1764662400002,\"payload\":{}}";

    @TempDir
    Path dir;

    @Test
    void embedded_store_is_migrated_with_its_events_and_deliveries() throws SQLException {
        String url = Database.embeddedUrl(dir);
        migrates(url, "bridge", "");
    }

    @Test
    void postgresql_store_is_migrated_with_its_events_and_deliveries() throws SQLException {
        TestPostgres db = TestPostgres.freshSchema();
        try {
            var env = db.env();
            migrates(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        } finally {
            db.drop();
        }
    }

    private static void migrates(String url, String user, String password) throws SQLException {
        flyway(url, user, password).target("33").load().migrate();
        String id1 = EventKeys.eventId(BODY_1);
        String id2 = EventKeys.eventId(BODY_2);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            insertEvent(c, id1, BODY_1);
            insertEvent(c, id2, BODY_2);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO delivery (delivery_id, event_id, event_key, target, "
                    + "event_type, body, status, attempts, created_at, enqueued_at) VALUES (?, ?, ?, 'default', 'meeting.started', "
                    + "?, 'pending', 0, ?, ?)")) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                p.setString(1, "msg_1");
                p.setString(2, id1);
                p.setLong(3, EventKeys.storeKey(id1));
                p.setString(4, null);
                p.setTimestamp(5, now);
                p.setTimestamp(6, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO unrouted_event (event_id, event_key) VALUES (?, ?)")) {
                p.setString(1, id2);
                p.setLong(2, EventKeys.storeKey(id2));
                p.executeUpdate();
            }
        }

        flyway(url, user, password).load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT seq, event_ts, event_id FROM accepted_event ORDER BY seq"))
                    .containsExactly(List.of("1", "1764662400001", id1), List.of("2", "1764662400002", id2));
            assertThat(rows(s, "SELECT d.delivery_id, e.body FROM delivery d JOIN accepted_event e ON e.seq = d.event_seq"))
                    .containsExactly(List.of("msg_1", BODY_1));
            assertThat(rows(s, "SELECT e.event_id FROM unrouted_event u JOIN accepted_event e ON e.seq = u.event_seq"))
                    .containsExactly(List.of(id2));
            s.executeUpdate("INSERT INTO accepted_event (event_ts, event_key, event_id, event_type, transport, body, accepted_at) "
                    + "VALUES (3, 3, 'x', 'x', 'websocket', '{}', CURRENT_TIMESTAMP)");
            assertThat(rows(s, "SELECT seq FROM accepted_event WHERE event_id = 'x'")).containsExactly(List.of("3"));
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password)
                .locations(Database.MIGRATIONS);
    }

    private static void insertEvent(Connection c, String id, String body) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO accepted_event (event_key, event_id, event_type, transport, "
                + "body, accepted_at) VALUES (?, ?, 'meeting.started', 'websocket', ?, ?)")) {
            p.setLong(1, EventKeys.storeKey(id));
            p.setString(2, id);
            p.setString(3, body);
            p.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
            p.executeUpdate();
        }
    }

    private static List<List<String>> rows(Statement s, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
