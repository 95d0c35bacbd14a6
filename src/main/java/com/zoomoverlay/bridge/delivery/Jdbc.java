package com.zoomoverlay.bridge.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The few JDBC moves the inbox and outbox make, with SQL errors turned into one unchecked type. */
final class Jdbc {

    /** SQLSTATE for a unique-key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts; false when a row with the same unique key already exists. */
    boolean insertIfAbsent(String sql, Object... args) {
        try {
            return update(sql, args) == 1;
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql1 && UNIQUE_VIOLATION.equals(sql1.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            // Stores keep microseconds and may round up: truncate, so "due now" stays due when read back.
            ps.setObject(i + 1, arg instanceof Instant t ? Timestamp.from(t.truncatedTo(ChronoUnit.MICROS)) : arg);
        }
        return ps;
    }

    /** The store failed; the message is the database's, which never holds event bodies or secrets. */
    static final class StoreException extends RuntimeException {
        StoreException(SQLException cause) {
            super("store error: " + cause.getSQLState(), cause);
        }
    }
}
