package com.zoomoverlay.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A store migrated before a lower-numbered migration existed (V20 of the zoom range arrived after V70 of
 * the cluster range was applied) still starts, and gets the new migration.
 */
class MigrationOrderTest {

    @Test
    void a_migration_with_a_lower_version_than_the_applied_ones_is_run_at_start() throws Exception {
        TestPostgres db = TestPostgres.freshSchema();
        try {
            Map<String, String> env = new HashMap<>(db.env());
            env.put("SIMULATE", "true");
            TestBridge.start(env).close();
            // As the store of the release before V20: the table and its history row gone.
            execute(db, "DROP TABLE zoom_last_alive");
            execute(db, "DELETE FROM flyway_schema_history WHERE version = '20'");

            try (TestBridge again = TestBridge.start(env)) {
                assertThat(query(db, "SELECT COUNT(*) FROM zoom_last_alive")).isZero();
                assertThat(query(db, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '20' AND success")).isEqualTo(1);
            }
        } finally {
            db.drop();
        }
    }

    private static void execute(TestPostgres db, String sql) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long query(TestPostgres db, String sql) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(TestPostgres db) throws Exception {
        Map<String, String> env = db.env();
        return DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
    }
}
