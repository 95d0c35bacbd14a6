package com.zoomoverlay.bridge.oauth;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.http.AdminAuth;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

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
        Clock clock = Application.clock(camel);
        TokenCipher cipher = new TokenCipher(settings.security().tokenEncryptionKey(),
                settings.security().previousTokenEncryptionKey());
        CloseableHttpClient http = tokenHttpClient(oauth);
        camel.getRegistry().bind(OAuthRoutes.HTTP_CLIENT_BEAN, http);
        camel.addService(new ClosingService(http));

        OAuthMetrics metrics = new OAuthMetrics(MetricsModule.registry(camel));
        ZoomTokenService tokens = new ZoomTokenService(camel, new JdbcTokenStore(database.dataSource(), cipher, clock),
                new TokenEndpoint(camel.createProducerTemplate()), new GrantForms(settings.zoom()), oauth, metrics, clock);
        camel.addService(tokens);
        camel.getRegistry().bind(AccessTokenSource.BEAN_NAME, tokens);

        OAuthStatus status = new OAuthStatus(tokens, oauth.requiredScopes(), clock);
        metrics.gauges(status::secondsToExpiry, () -> tokens.reauthorizationRequired() ? 1 : 0,
                () -> status.authorized() ? 1 : 0);
        HealthChecks.of(camel).add(status.health());

        LoginFlow login = new LoginFlow(settings.zoom(), new LoginStates(database.dataSource(), cipher), tokens, status,
                metrics, clock);
        camel.addRoutes(new OAuthRoutes(settings.zoom(), new AdminAuth(settings.security().adminToken()), login, status,
                tokens, oauth, Leadership.of(camel)));
    }

    /** The bridge's AccessTokenSource, for modules installed after this one. */
    public static Optional<AccessTokenSource> of(CamelContext camel) {
        return Optional.ofNullable(camel.getRegistry().lookupByNameAndType(AccessTokenSource.BEAN_NAME, AccessTokenSource.class));
    }

    /** Bounded waits everywhere: a hung Zoom must never hang a refresh or a login. */
    private static CloseableHttpClient tokenHttpClient(OAuthSettings oauth) {
        Timeout timeout = Timeout.ofMilliseconds(oauth.tokenTimeout().toMillis());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /** Closes the token HTTP client with the context. */
    private static final class ClosingService extends ServiceSupport {
        private final CloseableHttpClient client;

        ClosingService(CloseableHttpClient client) {
            this.client = client;
        }

        @Override
        protected void doStop() throws IOException {
            client.close();
        }
    }
}
