package com.zoomoverlay.bridge.outputs.singular;

import java.net.URI;
import java.time.Clock;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.common.GraphicsKind;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import io.vertx.core.Vertx;

/**
 * {@code kind = singular}: a Singular.live data stream. {@code token} is the stream's private token (a
 * secret: anyone holding it can write to the stream; map it from an environment variable); {@code url} is
 * the Data Stream API base, {@code https://datastream.singular.live/datastreams} unless set.
 */
public final class SingularKind extends GraphicsKind<SingularKind.Settings> {

    public static final String NAME = "singular";
    public static final String DEFAULT_URL = "https://datastream.singular.live/datastreams";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,256}");

    /** Checked settings: the API base (ending in {@code /}), the private token, timeouts, pool size. */
    public record Settings(URI api, Secret token, HttpTargetClient.Timeouts timeouts, int maxInFlight) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Settings settings(TargetConfig config) {
        String token = config.required("token");
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidSettingException(config.key("token"),
                    "must be the data stream's private token (letters, digits, - and _, as the Data Stream Manager shows it)");
        }
        URI url = config.optional("url").isPresent() ? config.httpUrl("url") : URI.create(DEFAULT_URL);
        if (url.getRawQuery() != null) {
            throw new InvalidSettingException(config.key("url"), "must not have a query");
        }
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return new Settings(URI.create(base), new Secret(token), HttpTargetClient.Timeouts.of(config), maxInFlight(config));
    }

    @Override
    protected Sender sender(Settings settings, Vertx vertx, Clock clock) {
        return new SingularSender(settings, new HttpTargetClient(vertx, settings.timeouts(), settings.maxInFlight(), clock));
    }
}
