package com.zoomoverlay.bridge.oauth;

import java.time.Clock;
import java.util.Optional;

import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.http.outbound.FirstUseTlsHttpComponent;
import com.zoomoverlay.bridge.http.outbound.OutboundHttpClients;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import org.apache.camel.CamelContext;

/**
 * Zoom OAuth: the login and callback routes, the encrypted token store, the refresh timer, and the
 * {@link AccessTokenSource} the Zoom WebSocket consumer asks for tokens (bound as
 * {@link AccessTokenSource#BEAN_NAME}). Needs the store, HTTP and metrics modules installed first.
 */
public final class OAuthModule implements BridgeModule {

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        OAuthSettings oauth = OAuthSettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
        if (database == null) {
            throw new IllegalStateException("StoreModule must be installed before OAuthModule");
        }
        Clock clock = BridgeClock.of(camel);
        TokenCipher cipher = new TokenCipher(settings.security().tokenEncryptionKey(),
                settings.security().previousTokenEncryptionKey());
        // Bounded waits everywhere: a hung Zoom must never hang a refresh or a login.
        // The token endpoint is camel-http's (as is any http: endpoint of the engineers' routes).
        FirstUseTlsHttpComponent.install(camel);
        OutboundHttpClients.bind(camel, OAuthRoutes.HTTP_CLIENT_BEAN, oauth.tokenTimeout(), oauth.tokenTimeout(), 2);

        OAuthMetrics metrics = new OAuthMetrics(MetricsModule.registry(camel));
        ZoomTokenService tokens = new ZoomTokenService(camel, new JdbcTokenStore(database.jdbc(), cipher, clock),
                new TokenEndpoint(camel.createProducerTemplate(), clock), new GrantForms(settings.zoom()), oauth, metrics, clock);
        camel.addService(tokens);
        camel.getRegistry().bind(AccessTokenSource.BEAN_NAME, tokens);

        OAuthStatus status = new OAuthStatus(tokens, oauth.requiredScopes(), clock);
        metrics.gauges(status::secondsToExpiry, () -> tokens.reauthorizationRequired() ? 1 : 0,
                () -> status.authorized() ? 1 : 0);
        HealthChecks.of(camel).add(status.health());

        // The new leader looks at the shared store before anything else, so its Zoom consumer finds a
        // grant stored moments ago (the watch timer would bring it within a second anyway).
        Leadership.of(camel).onLeadershipChange(camel, com.zoomoverlay.bridge.cluster.ClusterModule.GROUP, leads -> {
            if (leads && tokens.isStarted()) {
                tokens.watchStore();
            }
        });

        LoginFlow login = new LoginFlow(settings.zoom(), new LoginStates(database.jdbc(), cipher), tokens, status,
                metrics, clock);
        camel.addRoutes(new OAuthRoutes(settings.zoom(), AdminAuth.of(camel), login, status,
                tokens, oauth, Leadership.of(camel)));
    }

    /** The bridge's AccessTokenSource, for modules installed after this one. */
    public static Optional<AccessTokenSource> of(CamelContext camel) {
        return Optional.ofNullable(camel.getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, AccessTokenSource.class));
    }
}
