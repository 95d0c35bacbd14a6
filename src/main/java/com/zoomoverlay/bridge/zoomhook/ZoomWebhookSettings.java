package com.zoomoverlay.bridge.zoomhook;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.config.SettingsLoader;

/**
 * {@code ZOOM_WEBHOOK_SECRET_TOKEN} (the Zoom app's Secret Token; unset = {@code POST /zoom/webhook} is
 * off) and the tuning of the webhook ingress from {@code bridge.zoom-webhook.*} (docs/zoom-webhooks.md).
 * With {@code --simulate} and no token set, a random one is made for this run: the simulator is the
 * only sender and learns it in-process.
 */
record ZoomWebhookSettings(Optional<Secret> secretToken, boolean generated, Duration tolerance, Duration ledgerWindow,
        int ledgerSize) {

    static final String VARIABLE = "ZOOM_WEBHOOK_SECRET_TOKEN";
    /** Zoom's own replay window; the contract fixes it. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "bridge.zoom-webhook.";

    static ZoomWebhookSettings load(PropertyReader p, boolean simulate) {
        Optional<String> raw = p.text(SettingsLoader.keyOf(VARIABLE)).map(String::trim).filter(v -> !v.isEmpty());
        raw.ifPresent(v -> {
            if (v.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new InvalidSettingException(VARIABLE, "must be the Secret Token as Zoom shows it (printable, no spaces)");
            }
        });
        boolean generate = raw.isEmpty() && simulate;
        Optional<Secret> secret = generate ? Optional.of(new Secret(randomToken())) : raw.map(Secret::new);
        Duration window = p.duration(PREFIX + "ledger-window", Duration.ofMinutes(5));
        if (window.isZero() || window.isNegative()) {
            throw new InvalidSettingException(PREFIX + "ledger-window", "must be a positive duration such as 5m");
        }
        return new ZoomWebhookSettings(secret, generate, TOLERANCE, window,
                p.integer(PREFIX + "ledger-size", 100_000, 1, 10_000_000));
    }

    private static String randomToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
