package com.zoomoverlay.bridge.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.config.SettingsLoader;

/**
 * The configured webhook targets: {@code default} from {@code OVERLAY_WEBHOOK_URL}/{@code _SECRET}, plus
 * named ones from {@code bridge.targets.<name>.url} and {@code .secret} (map them from env vars in
 * application.properties). Validated once at start.
 */
public final class WebhookTargets {

    public static final String DEFAULT = "default";
    private static final String PREFIX = "bridge.targets.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final Map<String, WebhookTarget> byName;

    WebhookTargets(Map<String, WebhookTarget> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static WebhookTargets load(BridgeSettings settings, Properties properties) {
        Map<String, WebhookTarget> targets = new TreeMap<>();
        settings.webhook().ifPresent(w -> targets.put(DEFAULT, new WebhookTarget(DEFAULT, w.url(), w.secret())));
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(PREFIX) || !key.endsWith(".url")) {
                continue;
            }
            String name = key.substring(PREFIX.length(), key.length() - ".url".length());
            String url = properties.getProperty(key, "").trim();
            if (url.isEmpty()) {
                continue; // mapped from an unset env var: target off
            }
            String kind = properties.getProperty(PREFIX + name + ".kind", "").trim();
            if (!kind.isEmpty() && !"webhook".equals(kind)) {
                continue; // a graphics target (vmix, h2r, ...): its own kind's sender, not a signed webhook
            }
            if (!NAME.matcher(name).matches() || DEFAULT.equals(name)) {
                throw new InvalidSettingException(key, "names a target that is not lower-case letters, digits and '-' (or is 'default')");
            }
            String secretKey = PREFIX + name + ".secret";
            String secret = properties.getProperty(secretKey, "").trim();
            if (secret.isEmpty()) {
                throw new InvalidSettingException(secretKey, "is required when " + key + " is set");
            }
            targets.put(name, new WebhookTarget(name, httpUrl(key, url), SettingsLoader.webhookSecret(secretKey, secret)));
        }
        return new WebhookTargets(targets);
    }

    public Optional<WebhookTarget> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<WebhookTarget> all() {
        return byName.values();
    }

    private static URI httpUrl(String key, String raw) {
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidSettingException(key, "must be an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key, "is not a valid URL");
        }
    }
}
