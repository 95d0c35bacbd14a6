package com.zoomoverlay.bridge.outputs.vmix;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.outputs.common.GraphicsKind;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import io.vertx.core.Vertx;

/**
 * {@code kind = vmix}: vMix's HTTP web API. {@code url} is the Web Controller address
 * ({@code http://studio-pc:8088}); {@code username}/{@code password} when the Web Controller has a password.
 */
public final class VmixKind extends GraphicsKind<VmixKind.Settings> {

    public static final String NAME = "vmix";

    /** Checked settings: the API's base ({@code .../api/}), optional Basic credentials, timeouts, pool size. */
    public record Settings(URI api, Optional<String> username, Optional<Secret> password,
            HttpTargetClient.Timeouts timeouts, int maxInFlight) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Settings settings(TargetConfig config) {
        URI url = config.httpUrl("url");
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new InvalidSettingException(config.key("url"),
                    "must be vMix's Web Controller address, e.g. http://studio-pc:8088 (no query; credentials in username/password)");
        }
        // vMix serves the API at /api on its port; a path before it is kept (a reverse proxy's).
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "").replaceAll("(?i)/api$", "");
        Optional<String> user = config.optional("username");
        Optional<Secret> password = config.optional("password").map(Secret::new);
        if (user.isPresent() != password.isPresent()) {
            throw new InvalidSettingException(config.key(user.isPresent() ? "password" : "username"),
                    "is required when the other Web Controller credential is set");
        }
        URI api = URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "/api/");
        return new Settings(api, user, password, HttpTargetClient.Timeouts.of(config), maxInFlight(config));
    }

    @Override
    protected Sender sender(Settings settings, Vertx vertx, Clock clock) {
        return new VmixSender(settings, new HttpTargetClient(vertx, settings.timeouts(), settings.maxInFlight(), clock));
    }
}
