package com.zoomoverlay.bridge.outputs.h2r;

import java.net.URI;
import java.time.Clock;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.common.GraphicsKind;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import io.vertx.core.Vertx;

/**
 * {@code kind = h2r}: H2R Graphics' HTTP API. {@code url} is the project's API base as the Launcher shows
 * it, {@code http://<host>:4001/api/<project-id>}.
 */
public final class H2rKind extends GraphicsKind<H2rKind.Settings> {

    public static final String NAME = "h2r";
    private static final Pattern API_PATH = Pattern.compile("(/[^?#]*)?/api/[A-Za-z0-9_-]+/?");

    /** Checked settings: the project's API base (ending in {@code /}), timeouts, pool size. */
    public record Settings(URI projectApi, HttpTargetClient.Timeouts timeouts, int maxInFlight) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Settings settings(TargetConfig config) {
        URI url = config.httpUrl("url");
        if (url.getPath() == null || !API_PATH.matcher(url.getPath()).matches() || url.getRawQuery() != null) {
            throw new InvalidSettingException(config.key("url"),
                    "must be the project's API base, e.g. http://graphics-pc:4001/api/ABCD");
        }
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return new Settings(URI.create(base), HttpTargetClient.Timeouts.of(config), maxInFlight(config));
    }

    @Override
    protected Sender sender(Settings settings, Vertx vertx, Clock clock) {
        return new H2rSender(settings, new HttpTargetClient(vertx, settings.timeouts(), settings.maxInFlight(), clock));
    }
}
