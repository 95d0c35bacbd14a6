package com.zoomoverlay.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The JDBC moves the bridge makes on its store (H2 or PostgreSQL): single statements, batches and
 * transactions, with {@link Instant}s truncated to what both stores keep and SQL errors turned into one
 * unchecked {@link StoreException} that never carries a value (so no token or event body reaches a log).
 */
public final class Jdbc {

    /** SQLSTATE for a unique-key violation, the same on H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** Maps the current row. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return new Tx(c).update(sql, args);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Inserts; false when a row with the same unique key already exists. */
    public boolean insertIfAbsent(String sql, Object... args) {
        try {
            return update(sql, args) == 1;
        } catch (StoreException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                return false;
            }
            throw e;
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return new Tx(c).query(sql, mapper, args);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        return query(sql, mapper, args).stream().findFirst();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(new Tx(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters; the connection is discarded by the pool if broken
        }
    }

    /** One connection inside {@link #inTransaction}. */
    public static final class Tx {

        private final Connection connection;

        Tx(Connection connection) {
            this.connection = connection;
        }

        public int update(String sql, Object... args) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        }

        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                    return rows;
                }
            }
        }

        /** One statement, many rows, one round trip (PostgreSQL rewrites it into multi-row inserts). */
        public void batch(String sql, List<Object[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        /** A batch of inserts; returns the generated {@code keyColumn} of each row, in row order. */
        public long[] batchInsert(String sql, String keyColumn, List<Object[]> rows) throws SQLException {
            long[] keys = new long[rows.size()];
            if (rows.isEmpty()) {
                return keys;
            }
            try (PreparedStatement ps = connection.prepareStatement(sql, new String[] {keyColumn})) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    int i = 0;
                    while (rs.next() && i < keys.length) {
                        keys[i++] = rs.getLong(1);
                    }
                    if (i != keys.length) {
                        throw new SQLException("the store returned " + i + " keys for " + keys.length + " rows", "XX000");
                    }
                }
            }
            return keys;
        }

        private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                // Stores keep microseconds and may round up: truncate, so "due now" stays due when read back.
                ps.setObject(i + 1, arg instanceof Instant t ? Timestamp.from(t.truncatedTo(ChronoUnit.MICROS)) : arg);
            }
        }
    }

    /** The store failed; the message is the SQLSTATE only, never a value. */
    public static final class StoreException extends RuntimeException {

        private final String sqlState;

        public StoreException(SQLException cause) {
            super("store error: " + cause.getSQLState(), cause);
            this.sqlState = cause.getSQLState();
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
