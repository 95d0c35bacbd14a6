package com.zoomoverlay.bridge.outputs.casparcg;

import java.time.Clock;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.common.GraphicsKind;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import io.vertx.core.Vertx;

/**
 * {@code kind = casparcg}: CasparCG Server's AMCP over TCP. {@code host} is the playout server's name or
 * address, {@code port} its AMCP port (5250 unless set).
 */
public final class CasparKind extends GraphicsKind<CasparKind.Settings> {

    public static final String NAME = "casparcg";
    public static final int DEFAULT_PORT = 5250;
    /** A DNS name or an IPv4/IPv6 literal; the syntax only: the server may well be off while the bridge starts. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]{2,45}]?");

    /** Checked settings: where the server listens and how long to wait for it. */
    public record Settings(String host, int port, HttpTargetClient.Timeouts timeouts) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Settings settings(TargetConfig config) {
        String host = config.required("host");
        if (!HOST.matcher(host).matches() || host.contains("..")) {
            throw new InvalidSettingException(config.key("host"),
                    "must be a host name or IP address, e.g. playout-1 or 10.0.0.5 (no scheme, port or path)");
        }
        int port = config.integer("port", DEFAULT_PORT, 1, 65_535);
        if (config.integer("max-in-flight", 1, 1, 64) != 1) {
            // AMCP answers per channel queue: replies to commands in flight at once could arrive out of order.
            throw new InvalidSettingException(config.key("max-in-flight"), "must be 1 for CasparCG (one AMCP command at a time)");
        }
        return new Settings(host.replace("[", "").replace("]", ""), port, HttpTargetClient.Timeouts.of(config));
    }

    @Override
    protected Sender sender(Settings settings, Vertx vertx, Clock clock) {
        return new CasparSender(settings, vertx);
    }
}
