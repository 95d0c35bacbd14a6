package com.zoomoverlay.bridge.accept;

import java.util.LinkedHashMap;
import java.util.Map;

import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthContributor;

/**
 * The {@code stream} check: DEGRADED while accepted events wait to be stored or routed and nothing has
 * committed for {@code bridge.accept.stall-after-ms}, and while the intake queue is nearly full.
 */
final class StreamHealth implements HealthContributor {

    private final StreamWatch watch;
    private final EventIntake intake;
    private final int queueLimit;

    StreamHealth(StreamWatch watch, EventIntake intake, int queueLimit) {
        this.watch = watch;
        this.intake = intake;
        this.queueLimit = queueLimit;
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        int queued = intake.queued();
        details.put("queued", queued);
        details.put("queueLimit", queueLimit);
        details.put("waitingMs", watch.waiting().toMillis());
        if (watch.stalled()) {
            details.put("warning", "stalled: " + watch.outstanding() + " accepted events not stored or routed for "
                    + watch.waiting().toSeconds() + " s");
            return HealthCheckResult.degraded(details);
        }
        if (queued >= queueLimit * 8L / 10) {
            details.put("warning", "intake queue at " + (queued * 100L / queueLimit) + "% (the Zoom socket is paused when full)");
            return HealthCheckResult.degraded(details);
        }
        return HealthCheckResult.up(details);
    }
}
