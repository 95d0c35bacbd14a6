package com.zoomoverlay.bridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the contract's variables (as mapped in {@code application.properties}) into {@link BridgeSettings}.
 * The first missing or malformed value stops with an {@link InvalidSettingException} naming the variable.
 */
public final class SettingsLoader {

    /** Property key prefix: {@code PROD_CLIENT_ID} is read from {@code bridge.prod-client-id}. */
    public static final String PREFIX = "bridge.";

    private final Function<String, Optional<String>> properties;

    public SettingsLoader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    /** The property key a variable is mapped to in {@code application.properties}. */
    public static String keyOf(String variable) {
        return PREFIX + variable.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public BridgeSettings load() {
        int port = port();
        boolean simulate = variables().bool("SIMULATE", false);
        Path dataDir = Path.of(optional("DATA_DIR").orElse("./data"));
        SimulatedSecrets generated = simulate ? SimulatedSecrets.loadOrCreate(dataDir) : null;

        BridgeSettings.Zoom zoom = simulate ? simulatedZoom(port) : zoom(port);
        BridgeSettings.Security security = new BridgeSettings.Security(
                encryptionKey("TOKEN_ENCRYPTION_KEY", simulate ? generated.tokenEncryptionKey() : null),
                optional("TOKEN_ENCRYPTION_KEY_PREVIOUS").map(v -> encryptionKey("TOKEN_ENCRYPTION_KEY_PREVIOUS", v)),
                optional("ADMIN_TOKEN").map(SettingsLoader::adminToken)
                        .orElseGet(() -> simulate ? generated.adminToken() : missing("ADMIN_TOKEN")),
                optional("OVERLAY_TOKEN").map(Secret::new));
        BridgeSettings.Store store = store(dataDir);
        BridgeSettings.Cluster cluster = cluster();
        if (store.databaseUrl().isEmpty() && (cluster.lockDir().isPresent() || cluster.kubernetesLeaseName().isPresent())) {
            // Replicas take over each other's tokens and outbox, so they must share one store.
            throw new InvalidSettingException(cluster.lockDir().isPresent() ? "CLUSTER_LOCK_DIR" : "KUBERNETES_LEASE_NAME",
                    "needs DATABASE_URL: replicas must share one PostgreSQL store");
        }
        return new BridgeSettings(port, simulate, zoom, store, security, webhook(), cluster);
    }

    private int port() {
        return variables().integer("PORT", 8080, 1, 65535);
    }

    /** The contract's variables by their own names, so a start-up error names the variable, not its property. */
    private PropertyReader variables() {
        return new PropertyReader(this::optional);
    }

    private BridgeSettings.Zoom zoom(int port) {
        String clientId = required("PROD_CLIENT_ID");
        Optional<String> accountId = optional("ZOOM_ACCOUNT_ID");
        return new BridgeSettings.Zoom(
                clientId,
                new Secret(required("PROD_CLIENT_SECRET")),
                redirectUri(port),
                websocketUrl(required("PROD_WEBSOCKET_URL")),
                httpUrl("ZOOM_OAUTH_BASE_URL", optional("ZOOM_OAUTH_BASE_URL").orElse("https://zoom.us")),
                accountId);
    }

    /** With --simulate the bridge talks to the embedded simulator on its own port. */
    private BridgeSettings.Zoom simulatedZoom(int port) {
        String base = "http://localhost:" + port + "/simulator";
        return new BridgeSettings.Zoom(
                "simulated-client",
                new Secret("simulated-client-secret"),
                redirectUri(port),
                URI.create("ws://localhost:" + port + "/simulator/ws?subscriptionId=simulated-subscription"),
                URI.create(base),
                Optional.empty());
    }

    private URI redirectUri(int port) {
        String raw = optional("PROD_REDIRECT_URI").orElse("http://localhost:" + port + "/oauth/callback");
        URI uri = httpUrl("PROD_REDIRECT_URI", raw);
        if (!uri.getPath().endsWith("/oauth/callback")) {
            throw new InvalidSettingException("PROD_REDIRECT_URI", "must end in /oauth/callback");
        }
        return uri;
    }

    private static URI websocketUrl(String raw) {
        URI uri = parseUri("PROD_WEBSOCKET_URL", raw);
        if (!"wss".equals(uri.getScheme()) && !"ws".equals(uri.getScheme())) {
            throw new InvalidSettingException("PROD_WEBSOCKET_URL", "must be a ws:// or wss:// URL");
        }
        if (uri.getRawQuery() == null || !uri.getRawQuery().contains("subscriptionId=")) {
            throw new InvalidSettingException("PROD_WEBSOCKET_URL", "must include ?subscriptionId=");
        }
        return uri;
    }

    private BridgeSettings.Store store(Path dataDir) {
        Optional<String> url = optional("DATABASE_URL");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:")) {
                throw new InvalidSettingException("DATABASE_URL", "must be a jdbc:postgresql: URL");
            }
        });
        return new BridgeSettings.Store(dataDir, url, optional("DATABASE_USER"),
                optional("DATABASE_PASSWORD").map(Secret::new));
    }

    private Optional<BridgeSettings.Webhook> webhook() {
        Optional<String> url = optional("OVERLAY_WEBHOOK_URL");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = httpUrl("OVERLAY_WEBHOOK_URL", url.get());
        String secret = required("OVERLAY_WEBHOOK_SECRET");
        return Optional.of(new BridgeSettings.Webhook(uri, webhookSecret("OVERLAY_WEBHOOK_SECRET", secret)));
    }

    private BridgeSettings.Cluster cluster() {
        return new BridgeSettings.Cluster(optional("CLUSTER_LOCK_DIR").map(Path::of), optional("KUBERNETES_LEASE_NAME"));
    }

    /** A Standard Webhooks secret: {@code whsec_} followed by base64 key bytes. */
    public static Secret webhookSecret(String variable, String raw) {
        if (!raw.startsWith("whsec_")) {
            throw new InvalidSettingException(variable, "must start with whsec_ (Standard Webhooks secret)");
        }
        try {
            byte[] key = Base64.getDecoder().decode(raw.substring("whsec_".length()));
            if (key.length < 16) {
                throw new InvalidSettingException(variable, "must hold at least 16 key bytes after whsec_");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(variable, "must be whsec_ followed by base64");
        }
        return new Secret(raw);
    }

    private static Secret encryptionKey(String variable, String raw) {
        if (raw == null) {
            return missing(variable);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(variable, "must be base64 (try: openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new InvalidSettingException(variable, "must decode to 32 bytes, got " + key.length);
        }
        return new Secret(raw.trim());
    }

    private Secret encryptionKey(String variable, Secret generated) {
        Optional<String> raw = optional(variable);
        if (raw.isEmpty() && generated != null) {
            return generated;
        }
        return encryptionKey(variable, raw.orElse(null));
    }

    private static Secret adminToken(String raw) {
        if (raw.length() < 16) {
            throw new InvalidSettingException("ADMIN_TOKEN", "must be at least 16 characters");
        }
        return new Secret(raw);
    }

    private static URI httpUrl(String variable, String raw) {
        URI uri = parseUri(variable, raw);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new InvalidSettingException(variable, "must be an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new InvalidSettingException(variable, "must name a host");
        }
        return uri;
    }

    private static URI parseUri(String variable, String raw) {
        try {
            return new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(variable, "is not a valid URL");
        }
    }

    private String required(String variable) {
        return optional(variable).orElseGet(() -> missing(variable));
    }

    private static <T> T missing(String variable) {
        throw new InvalidSettingException(variable, "is required (or run with --simulate)");
    }

    private Optional<String> optional(String variable) {
        return properties.apply(keyOf(variable)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
