package com.zoomoverlay.bridge.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one store: tokens, outbox and dead letters. Embedded H2 (in PostgreSQL mode, so the
 * same SQL runs on both) under {@code DATA_DIR}, or the shared PostgreSQL of {@code DATABASE_URL}.
 * The schema lives in {@code db/migration} and is migrated at start.
 */
public final class Database extends ServiceSupport {

    /** Where the schema lives: the SQL migrations, and the Java ones that compute what the two stores' SQL cannot do alike. */
    static final String[] MIGRATIONS = {"classpath:db/migration", "classpath:com/zoomoverlay/bridge/store/migration"};
    public static final String BEAN_NAME = "bridgeDatabase";

    /**
     * How the bridge writes the embedded store; also what {@code StoreCommitBench} measures, so both stay alike.
     */
    public static final String EMBEDDED_WRITE_SETTINGS = ""
            // Write each commit to the file at once (H2 delays by 500 ms by default): an event
            // acknowledged as stored must survive kill -9.
            + ";WRITE_DELAY=0"
            // H2 writes a new chunk per commit and, by default, keeps dead chunks 45 s before reusing
            // their space: at a few hundred commits a second that is gigabytes. 5 s keeps the file at
            // a plateau (BENCHMARKS.md) and still outlasts the file system's own flush (ext4: 5 s).
            + ";RETENTION_TIME=5000"
            // H2 puts every page it writes into its page cache (16 MiB by default). At a commit per
            // event the cache then turns over about once a second, and each young GC copies the
            // pages written since the last one: 8-10 MiB of survivors, 20-30 ms pauses every 2.5 s at
            // 1,000 events/s. With 2 MiB the pages the next commits touch (each index's right edge)
            // still fit, survivors fall to ~2.5 MiB and pauses to ~15 ms (BENCHMARKS.md).
            + ";CACHE_SIZE=2048"
            // H2 closes an open database from a JVM shutdown hook of its own by default, which runs beside Camel's
            // graceful stop: on SIGTERM every write of the stop (the last batches, delivery progress, a token
            // Zoom has just rotated) failed with "database is already closed". The pool closes it instead, last.
            + ";DB_CLOSE_ON_EXIT=FALSE";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final String kind;
    private final Jdbc jdbc;
    private final Path file;
    private volatile CompletableFuture<Void> migration;

    private Database(HikariDataSource dataSource, String kind, Path file) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.jdbc = new Jdbc(dataSource);
        this.file = file;
    }

    public static Database open(BridgeSettings.Store store) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bridge-store");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        String kind;
        Path file = null;
        if (store.databaseUrl().isPresent()) {
            config.setJdbcUrl(store.databaseUrl().get());
            store.user().ifPresent(config::setUsername);
            store.password().ifPresent(p -> config.setPassword(p.reveal()));
            // one round trip per group commit: the driver turns a batch into multi-row INSERTs
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            kind = "postgresql";
        } else {
            Path dir = ownerOnlyDirectory(store.dataDir());
            config.setJdbcUrl(embeddedUrl(dir) + ";TRACE_LEVEL_FILE=0" + EMBEDDED_WRITE_SETTINGS);
            config.setUsername("bridge");
            kind = "embedded";
            file = dir.toAbsolutePath().resolve("bridge.mv.db");
        }
        return new Database(new HikariDataSource(config), kind, file);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Statements, batches and transactions on this store. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** {@code embedded} or {@code postgresql}: safe to show on status pages. */
    public String kind() {
        return kind;
    }

    /** Bytes the embedded store's file takes on disk; empty for PostgreSQL (its size is the DBA's). */
    public java.util.OptionalLong fileSize() {
        if (file == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Files.size(file));
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        }
    }

    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Starts the schema migration now on a thread of its own, so that opening the store and Flyway (about a
     * quarter of the start-up's CPU on a fresh {@code DATA_DIR}) overlap Camel loading the routes; nothing
     * touches the store before {@link #doStart}, which waits for it and fails the start as before if it failed.
     */
    public void migrateEarly() {
        if (migration == null) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            migration = done;
            Thread thread = new Thread(() -> {
                try {
                    migrate();
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }, "bridge-store-migrate");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    protected void doStart() {
        if (migration == null) {
            migrate();
        } else {
            awaitMigration();
        }
        LOG.info("store ready kind={}", kind);
    }

    /**
     * The embedded store's file under {@code dir} as the bridge opens it (H2 in PostgreSQL mode), without its
     * write and retention settings ({@link #EMBEDDED_WRITE_SETTINGS}): for tests and benchmarks that open the
     * file themselves.
     */
    public static String embeddedUrl(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("bridge") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private void migrate() {
        FluentConfiguration config = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS);
        try {
            config.load().migrate();
        } catch (FlywayValidateException e) {
            // Versions are ranges per concern (DEVELOPING.md), so a new migration of one concern can have a
            // lower version than one of another concern the store already has (V20 after V70), which Flyway
            // refuses. Run it instead: each concern's migrations touch only its own tables. Only in that case,
            // so the normal start pays nothing and Flyway's out-of-order warning appears only then.
            List<String> behind = Arrays.stream(config.load().info().all())
                    .filter(m -> m.getState() == MigrationState.IGNORED)
                    .map(m -> m.getVersion().getVersion())
                    .toList();
            if (behind.isEmpty()) {
                throw e;
            }
            LOG.info("store migrations below the applied version, running them versions={}", behind);
            config.outOfOrder(true).load().migrate();
        }
    }

    private void awaitMigration() {
        try {
            migration.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store was being migrated", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("store migration failed", e.getCause());
        }
    }

    @Override
    protected void doStop() {
        dataSource.close();
    }

    private static Path ownerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new InvalidSettingException("DATA_DIR", "cannot be created or restricted to its owner");
        }
    }
}
