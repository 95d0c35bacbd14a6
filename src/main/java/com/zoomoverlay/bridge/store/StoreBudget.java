package com.zoomoverlay.bridge.store;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthContributor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded store within {@code bridge.store.max-size-mb}: accepted events older than the
 * retention are purged, and while the file is above 90 % of the budget, older ones still (down to
 * {@link #FLOOR}, what dedupe of a late repeat needs). Pending deliveries and dead letters are never
 * purged for space. {@code bridge_store_size_bytes} and a DEGRADED health check (at 80 %) warn first.
 */
public final class StoreBudget implements HealthContributor {

    /** Never purge events younger than this for space: Zoom resends within seconds, webhooks within minutes. */
    static final Duration FLOOR = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(StoreBudget.class);

    private final Database database;
    private final long budgetBytes;
    private final Counter purgedForSpace;
    private final Counter purgedForAge;

    public StoreBudget(Database database, long budgetBytes, MeterRegistry registry) {
        this.database = database;
        this.budgetBytes = budgetBytes;
        Gauge.builder("bridge.store.size", this, b -> b.database.fileSize().orElse(-1)).baseUnit("bytes")
                .description("Size of the embedded store's file (-1 for PostgreSQL)").register(registry);
        Gauge.builder("bridge.store.budget", () -> budgetBytes).baseUnit("bytes")
                .description("bridge.store.max-size-mb").register(registry);
        this.purgedForAge = Counter.builder("bridge.store.purged").tag("reason", "retention")
                .description("Accepted events purged from the store").register(registry);
        this.purgedForSpace = Counter.builder("bridge.store.purged").tag("reason", "budget")
                .description("Accepted events purged from the store").register(registry);
    }

    /** Purges events older than {@code retention}, then more while the file is over 90 % of its budget. */
    public void enforce(Instant now, Duration retention, Function<Instant, Integer> purgeBefore) {
        Instant cutoff = now.minus(retention);
        int purged = purgeBefore.apply(cutoff);
        purgedForAge.increment(purged);
        // Halving down to the floor while over 90 %: the file does not shrink at once (freed space is reused
        // before it grows again), so one run over it keeps only the floor. A step that finds nothing older goes
        // on to the next: a store filled within its first hour has nothing older than half the retention.
        Duration keep = retention;
        int forSpace = 0;
        while (over(0.9) && keep.compareTo(FLOOR) > 0) {
            keep = keep.dividedBy(2).compareTo(FLOOR) < 0 ? FLOOR : keep.dividedBy(2);
            forSpace += purgeBefore.apply(now.minus(keep));
        }
        if (!keep.equals(retention)) {
            purgedForSpace.increment(forSpace);
            LOG.warn("store over 90% of its budget: events older than {} purged count={} sizeBytes={} budgetBytes={}",
                    keep, forSpace, database.fileSize().orElse(-1), budgetBytes);
        }
        if (purged > 0) {
            LOG.info("store retention purged events={} before={}", purged, cutoff);
        }
    }

    private boolean over(double fraction) {
        OptionalLong size = database.fileSize();
        return size.isPresent() && size.getAsLong() >= (long) (budgetBytes * fraction);
    }

    @Override
    public String name() {
        return "storeBudget";
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        OptionalLong size = database.fileSize();
        if (size.isEmpty()) {
            details.put("kind", database.kind());
            return HealthCheckResult.up(details);
        }
        details.put("sizeBytes", size.getAsLong());
        details.put("budgetBytes", budgetBytes);
        if (over(0.8)) {
            details.put("warning", "store at " + (size.getAsLong() * 100 / budgetBytes) + "% of bridge.store.max-size-mb");
            return HealthCheckResult.degraded(details);
        }
        return HealthCheckResult.up(details);
    }
}
