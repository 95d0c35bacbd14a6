package com.zoomoverlay.bridge.bench.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the bridge's latency went during one phase, from two scrapes of its {@code /metrics}: the
 * histograms' bucket counts after minus before, read as quantiles (the upper bound of the bucket the
 * quantile falls in, as Prometheus' {@code histogram_quantile} would, without interpolation).
 */
final class StageTimes {

    /** The stages of one event's way, in order: commit, the lane's wait, the request; and what competes with commits. */
    static final List<String> STAGES = List.of("bridge_accept_commit_seconds", "delivery_lane_wait_seconds",
            "delivery_request_seconds", "bridge_store_compaction_seconds");
    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{.*le=\"([^\"]+)\".*} ([0-9.eE+-]+)$");
    private static final Pattern SUM_COUNT = Pattern.compile("^(\\w+)_(sum|count|max)(\\{[^}]*})? ([0-9.eE+-]+)$");

    private final Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
    private final Map<String, double[]> sumCount = new TreeMap<>();

    static StageTimes parse(String metrics) {
        StageTimes t = new StageTimes();
        for (String line : metrics.split("\n")) {
            Matcher b = BUCKET.matcher(line);
            if (b.matches() && STAGES.contains(b.group(1))) {
                double le = "+Inf".equals(b.group(2)) ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(2));
                t.buckets.computeIfAbsent(b.group(1), k -> new TreeMap<>()).merge(le, Double.parseDouble(b.group(3)), Double::sum);
                continue;
            }
            Matcher sc = SUM_COUNT.matcher(line);
            if (sc.matches() && STAGES.contains(sc.group(1))) {
                double[] v = t.sumCount.computeIfAbsent(sc.group(1), k -> new double[3]);
                double value = Double.parseDouble(sc.group(4));
                switch (sc.group(2)) {
                    case "sum" -> v[0] += value;
                    case "count" -> v[1] += value;
                    default -> v[2] = Math.max(v[2], value); // Micrometer's max of the last ~2 minutes
                }
            }
        }
        return t;
    }

    /** One line per stage: count, mean, p50, p99, p99.9 in ms of what happened between {@code before} and this. */
    String since(StageTimes before) {
        List<String> lines = new ArrayList<>();
        for (String stage : STAGES) {
            double[] now = sumCount.getOrDefault(stage, new double[3]);
            double[] then = before.sumCount.getOrDefault(stage, new double[3]);
            double count = now[1] - then[1];
            if (count <= 0) {
                continue;
            }
            double meanMs = (now[0] - then[0]) / count * 1000;
            StringBuilder line = new StringBuilder(String.format("%s n=%.0f mean=%.2f ms max(2 min)=%.1f ms", stage, count, meanMs, now[2] * 1000));
            TreeMap<Double, Double> b = buckets.get(stage);
            if (b != null) {
                TreeMap<Double, Double> delta = new TreeMap<>();
                b.forEach((le, c) -> delta.put(le, c - before.buckets.getOrDefault(stage, new TreeMap<>()).getOrDefault(le, 0.0)));
                line.append(String.format(" p50<=%s p99<=%s p99.9<=%s", quantile(delta, count, 0.50), quantile(delta, count, 0.99),
                        quantile(delta, count, 0.999)));
            }
            lines.add(line.toString());
        }
        return String.join("\n    ", lines);
    }

    /** The smallest bucket bound (cumulative buckets) holding the quantile, in ms. */
    private static String quantile(TreeMap<Double, Double> cumulative, double count, double q) {
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= q * count) {
                return e.getKey().isInfinite() ? "inf" : String.format("%.1f ms", e.getKey() * 1000);
            }
        }
        return "?";
    }
}
