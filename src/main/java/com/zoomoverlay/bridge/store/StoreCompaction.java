package com.zoomoverlay.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Gives the embedded store's dead space back while the bridge runs.
 *
 * <p>H2 writes a new chunk per commit and reuses a chunk's space only once every page in it is dead. An
 * append-only table leaves one full, still-live leaf in most chunks, so with a commit per batch most of the
 * file was chunks that were ~75 % dead and never freed: ~10 KiB per event on a quiet run for ~1 KiB of data
 * (BENCHMARKS.md, issue 13). H2 moves such pages out in its background writer, which only runs with
 * {@code WRITE_DELAY} above 0, and then a commit is on disk only when that thread writes it, so an acknowledged
 * event could be lost to {@code kill -9}. This does that background work itself, a bounded step at a time,
 * and leaves the commit path as it is: {@link MVStore#compact} rewrites the live pages of the emptiest old
 * chunks, and a commit right after writes them, so their old chunks die and are reused after the retention.
 * The moved pages are copies of committed data; the old ones stay where they were until the new ones are
 * written, so a crash at any point loses nothing.
 *
 * <p>Reaching the {@link MVStore} takes H2's engine classes ({@link SessionLocal}); MVStore itself is H2's
 * public storage API. {@code StoreCompactionTest} fails when an H2 upgrade changes either.
 */
public final class StoreCompaction {

    /** Below this fill rate of the chunks (live bytes / chunk bytes), compact: H2's own default target is 90 %. */
    static final int TARGET_FILL_PERCENT = 80;
    /**
     * Below this share of the file in use (H2's own background writer moves chunks below 90 %), move live pages
     * out of full chunks too: new chunks go to the first free space, so the end of the file empties and H2 cuts
     * it off at its next write. Without it the file kept the size of its peak when a live chunk sat near its end.
     */
    static final int FILE_FILL_PERCENT = 75;
    /**
     * Live bytes moved per step at most: each step holds H2's store lock, which commits wait for. 512 KiB held
     * it up to 187 ms on a loaded machine during a burst (44 ms on average). A step moves only chunks whose live
     * pages fit in it: 128 KiB left chunks holding a large meeting's show state (~150 KB) where they were.
     */
    static final int STEP_BYTES = 256 * 1024;
    /**
     * A step moves its bytes in moves of this size, each under the lock on its own, with a pause between them for
     * a waiting commit to take the lock: a batch commit then waits for one move (a few ms), not a whole step. At
     * 256 KiB a step held commits for 11 ms on average and up to 74 ms on a loaded machine, the accept commit's p99
     * at a steady 1,000 events/s was 17 ms (BENCHMARKS.md). Only chunks too full for a move go in a whole step.
     */
    static final int MOVE_BYTES = 64 * 1024;
    /** Long enough for a commit woken by the unlock to take the lock before the next move does. */
    private static final long PAUSE_BETWEEN_MOVES_NANOS = 200_000;

    private final MVStore store;
    private final Timer steps;

    private StoreCompaction(MVStore store, MeterRegistry registry) {
        this.store = store;
        // the time is what commits may have waited for: each move holds H2's store lock
        this.steps = Timer.builder("bridge.store.compaction")
                .description("Moves of live pages out of mostly dead chunks of the embedded store, and their time (each holds the store lock)")
                .register(registry);
    }

    /** The compaction of the embedded store behind {@code dataSource}; empty for PostgreSQL. */
    static Optional<StoreCompaction> of(DataSource dataSource, MeterRegistry registry) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isWrapperFor(JdbcConnection.class)) {
                return Optional.empty();
            }
            if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return Optional.empty();
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            return store.getFileStore() == null ? Optional.empty() : Optional.of(new StoreCompaction(store, registry));
        } catch (SQLException e) {
            throw new Jdbc.StoreException(e);
        }
    }

    /** One step of up to {@link #STEP_BYTES}; true when pages were moved (and written). */
    public boolean step() {
        if (store.isClosed()) {
            return false;
        }
        int target = sparse() ? 101 : TARGET_FILL_PERCENT;
        boolean moved = false;
        for (int bytes = 0; bytes < STEP_BYTES && move(target, MOVE_BYTES); bytes += MOVE_BYTES) {
            moved = true;
            java.util.concurrent.locks.LockSupport.parkNanos(PAUSE_BETWEEN_MOVES_NANOS);
        }
        // nothing fitted in a move: what is left are chunks with more live pages than that (a big meeting's show state)
        return moved || move(target, STEP_BYTES);
    }

    private boolean move(int targetFillPercent, int bytes) {
        long began = System.nanoTime();
        if (store.isClosed() || !store.compact(targetFillPercent, bytes)) {
            return false;
        }
        // write the moved pages now, on this thread, rather than in the next batch's commit
        store.commit();
        steps.record(System.nanoTime() - began, java.util.concurrent.TimeUnit.NANOSECONDS);
        return true;
    }

    /** Whether less than {@link #FILE_FILL_PERCENT} of the file is in chunks. */
    public boolean sparse() {
        return !store.isClosed() && store.getFileStore().getFillRate() < FILE_FILL_PERCENT;
    }

    /** Percent of the chunks' bytes that are live. */
    public int chunksFillPercent() {
        return store.isClosed() ? 100 : store.getFileStore().getChunksFillRate();
    }
}
