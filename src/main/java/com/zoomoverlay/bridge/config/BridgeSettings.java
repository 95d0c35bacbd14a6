package com.zoomoverlay.bridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every setting of the bridge, read once at start from the contract's environment variables
 * (through {@code application.properties}) and validated by {@link SettingsLoader}.
 */
public record BridgeSettings(
        int port,
        boolean simulate,
        Zoom zoom,
        Store store,
        Security security,
        Optional<Webhook> webhook,
        Cluster cluster) {

    /** Zoom app credentials and where Zoom lives. */
    public record Zoom(
            String clientId,
            Secret clientSecret,
            URI redirectUri,
            URI websocketUrl,
            URI oauthBaseUrl,
            Optional<String> accountId) {

        public URI authorizeUrl() {
            return URI.create(stripSlash(oauthBaseUrl.toString()) + "/oauth/authorize");
        }

        public URI tokenUrl() {
            return URI.create(stripSlash(oauthBaseUrl.toString()) + "/oauth/token");
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** The store: embedded under {@code dataDir} unless a PostgreSQL URL is given. */
    public record Store(Path dataDir, Optional<String> databaseUrl, Optional<String> user, Optional<Secret> password) {
    }

    /** Keys and shared secrets guarding tokens, the admin surface and the overlay feed. */
    public record Security(
            Secret tokenEncryptionKey,
            Optional<Secret> previousTokenEncryptionKey,
            Secret adminToken,
            Optional<Secret> overlayToken) {
    }

    /** The default downstream webhook target. */
    public record Webhook(URI url, Secret secret) {
    }

    /** Leader election: neither set means this instance leads alone. */
    public record Cluster(Optional<Path> lockDir, Optional<String> kubernetesLeaseName) {
    }
}
