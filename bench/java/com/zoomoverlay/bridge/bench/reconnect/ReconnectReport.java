package com.zoomoverlay.bridge.bench.reconnect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reconnect benchmark's table for BENCHMARKS.md: per outage length, the time from Zoom reachable
 * again to {@code build_connection} for the bridge and the baseline (median and worst of the rounds) and
 * their ratio, and the attempts each made per second of refusal; then p50/p99/max over all outages of
 * the bridge's live phase and over the longer ones. p99 is nearest-rank: with fewer than 100 outages it
 * is the worst one but for rounding.
 */
final class ReconnectReport {

    private ReconnectReport() {
    }

    static String markdown(List<ReconnectBench.Result> results, int livePhaseSeconds, String footnote) {
        StringBuilder out = new StringBuilder();
        out.append("| outage | n | bridge p50 | baseline p50 | ratio | bridge max | baseline max | ratio | attempts/s bridge | attempts/s baseline |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Map<Integer, List<ReconnectBench.Result>> byLength = new LinkedHashMap<>();
        results.forEach(r -> byLength.computeIfAbsent(r.outage().seconds(), k -> new ArrayList<>()).add(r));
        byLength.forEach((seconds, rs) -> {
            List<Duration> bridge = rs.stream().map(ReconnectBench.Result::bridgeGap).toList();
            List<Duration> base = rs.stream().map(ReconnectBench.Result::baselineGap).toList();
            double refusing = seconds * (double) rs.size();
            out.append(String.format("| %d s%s | %d | %s | %s | %s | %s | %s | %s | %.2f | %.2f |%n", seconds,
                    rs.get(0).outage().stableAfter() == 5 ? " (issue's sequence)" : "", rs.size(),
                    ms(pct(bridge, 50)), ms(pct(base, 50)), ratio(pct(bridge, 50), pct(base, 50)),
                    ms(pct(bridge, 100)), ms(pct(base, 100)), ratio(pct(bridge, 100), pct(base, 100)),
                    sum(rs, ReconnectBench.Result::bridgeAttempts) / refusing,
                    sum(rs, ReconnectBench.Result::baselineAttempts) / refusing));
        });
        out.append('\n');
        summary(out, "outages up to " + livePhaseSeconds + " s (the live phase)",
                results.stream().filter(r -> r.outage().seconds() <= livePhaseSeconds).toList());
        summary(out, "outages over " + livePhaseSeconds + " s",
                results.stream().filter(r -> r.outage().seconds() > livePhaseSeconds).toList());
        out.append('\n').append(footnote).append('\n');
        return out.toString();
    }

    private static void summary(StringBuilder out, String what, List<ReconnectBench.Result> rs) {
        if (rs.isEmpty()) {
            return;
        }
        List<Duration> bridge = rs.stream().map(ReconnectBench.Result::bridgeGap).toList();
        List<Duration> base = rs.stream().map(ReconnectBench.Result::baselineGap).toList();
        out.append(String.format("%s, n=%d: bridge p50 %s / p99 %s / max %s; baseline p50 %s / p99 %s / max %s;"
                        + " ratio %s / %s / %s%n", what, rs.size(),
                ms(pct(bridge, 50)), ms(pct(bridge, 99)), ms(pct(bridge, 100)),
                ms(pct(base, 50)), ms(pct(base, 99)), ms(pct(base, 100)),
                ratio(pct(bridge, 50), pct(base, 50)), ratio(pct(bridge, 99), pct(base, 99)),
                ratio(pct(bridge, 100), pct(base, 100))));
    }

    /** Nearest-rank percentile. */
    static Duration pct(List<Duration> values, int percentile) {
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static long sum(List<ReconnectBench.Result> rs, Function<ReconnectBench.Result, Long> f) {
        return rs.stream().mapToLong(f::apply).sum();
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String ratio(Duration bridge, Duration baseline) {
        return String.format("%.2f", bridge.toNanos() / (double) Math.max(1, baseline.toNanos()));
    }
}
