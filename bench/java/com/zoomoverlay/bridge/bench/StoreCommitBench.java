package com.zoomoverlay.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.zoom.ZoomFrame;
import com.zoomoverlay.bridge.zoom.ZoomFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one group commit of the steady state costs the embedded store, on one thread: at 1,000 events/s nearly
 * every event is its own commit (BENCHMARKS.md, 2026-12-03), and the commit is most of the intake's CPU and
 * allocation. One operation writes what the intake writes for one event routed to one webhook target, in one
 * transaction: the event row (with the bridge's two secondary indexes), a delivery row pointing at it, and the
 * meeting's show-state row rewritten; every 20 operations the delivered rows are deleted in a commit of their
 * own, as the progress writer does. {@code h2} is the bridge's store with its URL settings; {@code sqlite} is
 * SQLite in WAL mode with {@code synchronous=NORMAL} (like H2's {@code WRITE_DELAY=0}: on the OS at commit,
 * so a killed process loses nothing; no fsync per commit). {@code h2-no-age-index} and {@code h2-no-show-row} are
 * the same H2 commit without the {@code accepted_event_age} index and without the show-state row: what writing
 * less per commit would buy. Run with {@code -prof gc} for bytes per commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class StoreCommitBench {

    private static final int BODIES = 1024;
    private static final int DELETE_EVERY = 20;

    @Param({"h2", "h2-no-age-index", "h2-no-show-row", "sqlite"})
    public String store;

    private Path dir;
    private Connection c;
    private PreparedStatement insertEvent;
    private PreparedStatement insertDelivery;
    private PreparedStatement updateShow;
    private PreparedStatement deleteDelivered;
    private String[] bodies;
    private String show;
    private long seq;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String[] frames = RealisticFrames.messageFrames(BODIES);
        ZoomFrameDecoder decoder = new ZoomFrameDecoder(1024 * 1024);
        bodies = new String[BODIES];
        for (int i = 0; i < BODIES; i++) {
            bodies[i] = ((ZoomFrame.Event) decoder.decode(frames[i])).body();
        }
        // a live meeting's row: a few dozen participants and the last chat lines (the bench's meeting is ~4 KB)
        show = "{\"participants\":[" + "{\"id\":\"p\",\"name\":\"Participant\",\"joined_at\":\"2026-01-15T18:00:00Z\"},".repeat(48)
                + "{}],\"chat\":[" + "\"a chat line of a typical length for the ticker\",".repeat(20) + "\"\"]}";
        dir = Files.createTempDirectory("store-commit-bench");
        boolean h2 = store.startsWith("h2");
        c = h2
                ? DriverManager.getConnection(Database.embeddedUrl(dir) + Database.EMBEDDED_WRITE_SETTINGS, "bridge", "")
                : DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bridge.db"));
        try (Statement s = c.createStatement()) {
            if (!h2) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            s.execute("CREATE TABLE accepted_event (seq BIGINT PRIMARY KEY, event_ts BIGINT NOT NULL, event_key BIGINT NOT NULL, "
                    + "event_id VARCHAR(64) NOT NULL, event_type VARCHAR(128) NOT NULL, transport VARCHAR(16) NOT NULL, "
                    + "body TEXT NOT NULL, accepted_at TIMESTAMP NOT NULL)");
            s.execute("CREATE UNIQUE INDEX accepted_event_identity ON accepted_event (event_ts, event_key)");
            if (!store.equals("h2-no-age-index")) {
                s.execute("CREATE INDEX accepted_event_age ON accepted_event (accepted_at)");
            }
            s.execute("CREATE TABLE delivery (id BIGINT PRIMARY KEY, delivery_id VARCHAR(40) NOT NULL, event_id VARCHAR(64), "
                    + "event_seq BIGINT, target VARCHAR(64) NOT NULL, event_type VARCHAR(128) NOT NULL, event_ts BIGINT, body TEXT, "
                    + "status VARCHAR(16) NOT NULL, attempts INT NOT NULL, created_at TIMESTAMP NOT NULL, enqueued_at TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE show_meeting (meeting_id VARCHAR(64) PRIMARY KEY, status VARCHAR(8) NOT NULL, body TEXT NOT NULL, "
                    + "last_event_at BIGINT NOT NULL)");
            s.execute("INSERT INTO show_meeting VALUES ('m1', 'live', '{}', 0)");
        }
        c.setAutoCommit(false);
        insertEvent = c.prepareStatement("INSERT INTO accepted_event (seq, event_ts, event_key, event_id, event_type, transport, body, "
                + "accepted_at) VALUES (?, ?, ?, ?, 'meeting.chat_message_sent', 'websocket', ?, ?)");
        insertDelivery = c.prepareStatement("INSERT INTO delivery (id, delivery_id, event_id, event_seq, target, event_type, event_ts, "
                + "body, status, attempts, created_at, enqueued_at) VALUES (?, ?, ?, ?, 'default', 'meeting.chat_message_sent', ?, NULL, "
                + "'pending', 0, ?, ?)");
        updateShow = c.prepareStatement("UPDATE show_meeting SET body = ?, last_event_at = ? WHERE meeting_id = 'm1'");
        deleteDelivered = c.prepareStatement("DELETE FROM delivery WHERE id <= ?");
        c.commit();
    }

    @Benchmark
    public long commitOneEvent() throws SQLException {
        long n = ++seq;
        String id = Long.toHexString(n * 0x9E3779B97F4A7C15L);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        insertEvent.setLong(1, n);
        insertEvent.setLong(2, 1_768_500_000_000L + n);
        insertEvent.setLong(3, n * 31);
        insertEvent.setString(4, id);
        insertEvent.setString(5, bodies[(int) (n % BODIES)]);
        insertEvent.setTimestamp(6, now);
        insertEvent.executeUpdate();
        insertDelivery.setLong(1, n);
        insertDelivery.setString(2, "msg_" + id);
        insertDelivery.setString(3, id);
        insertDelivery.setLong(4, n);
        insertDelivery.setLong(5, 1_768_500_000_000L + n);
        insertDelivery.setTimestamp(6, now);
        insertDelivery.setTimestamp(7, now);
        insertDelivery.executeUpdate();
        if (!store.equals("h2-no-show-row")) {
            updateShow.setString(1, show);
            updateShow.setLong(2, n);
            updateShow.executeUpdate();
        }
        c.commit();
        if (n % DELETE_EVERY == 0) {
            deleteDelivered.setLong(1, n - 1);
            deleteDelivered.executeUpdate();
            c.commit();
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        c.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
