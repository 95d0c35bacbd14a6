package com.zoomoverlay.bridge.delivery.webhook;

import java.time.Clock;
import java.time.Duration;

import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.config.SettingsLoader;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.delivery.targets.TargetKind;
import io.vertx.core.Vertx;

/**
 * {@code kind = webhook} (the default): a Standard Webhooks receiver at {@code url}, signed with the
 * {@code whsec_} {@code secret}. Timeouts come from {@code bridge.delivery.connect-timeout-ms} and
 * {@code response-timeout-ms}, or per target as {@code connect-timeout} / {@code response-timeout}.
 */
public final class WebhookKind implements TargetKind {

    public static final String NAME = "webhook";

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    public WebhookKind(Duration connectTimeout, Duration responseTimeout) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Sender create(TargetConfig config, Vertx vertx, Clock clock) {
        var url = config.httpUrl("url");
        Secret secret = SettingsLoader.webhookSecret(config.key("secret"), config.required("secret"));
        return new WebhookSender(vertx, url, secret, config.duration("connect-timeout", connectTimeout),
                config.duration("response-timeout", responseTimeout), clock);
    }
}
