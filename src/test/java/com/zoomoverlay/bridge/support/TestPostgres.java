package com.zoomoverlay.bridge.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A fresh schema in the test PostgreSQL (local server, started by .ci/run on a fresh machine).
 * {@code TEST_DATABASE_URL}, {@code TEST_DATABASE_USER}, {@code TEST_DATABASE_PASSWORD} override the defaults.
 */
public final class TestPostgres {

    private static final String BASE_URL = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = env("TEST_DATABASE_PASSWORD", "postgres");

    private final String schema;

    private TestPostgres(String schema) {
        this.schema = schema;
    }

    /** Creates a new, empty schema; fails loudly when PostgreSQL is not running (run .ci/run). */
    public static TestPostgres freshSchema() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        TestPostgres db = new TestPostgres("bridge_test_" + HexFormat.of().formatHex(b));
        db.execute("CREATE SCHEMA " + db.schema);
        return db;
    }

    /** The contract's variables pointing the bridge at this schema. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", BASE_URL + "?currentSchema=" + schema);
        env.put("DATABASE_USER", USER);
        env.put("DATABASE_PASSWORD", PASSWORD);
        return env;
    }

    public String schema() {
        return schema;
    }

    public void drop() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * For a test class run again on PostgreSQL: a fresh schema made the first time a test asks for the
     * store, dropped by {@link #drop()} after that test.
     */
    public static final class PerTest {

        private TestPostgres db;

        public Map<String, String> env() {
            if (db == null) {
                db = freshSchema();
            }
            return db.env();
        }

        public void drop() {
            if (db != null) {
                db.drop();
                db = null;
            }
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + BASE_URL
                    + " (bash .ci/run installs and starts it): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
