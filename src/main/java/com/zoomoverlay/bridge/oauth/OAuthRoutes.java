package com.zoomoverlay.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * The OAuth routes: {@code oauth-login}, {@code oauth-callback}, {@code oauth-status}, the
 * {@code oauth-refresh-timer} that asks whether the token is due, and {@code oauth-token-request},
 * the one place that calls Zoom's token endpoint (camel-http with its own timeouts, HTTP Basic client auth).
 */
final class OAuthRoutes extends RouteBuilder {

    /** Registry name of the Apache HttpClient the token route uses: its own pool and timeouts. */
    static final String HTTP_CLIENT_BEAN = "oauthHttpClient";

    private final BridgeSettings.Zoom zoom;
    private final AdminAuth adminAuth;
    private final LoginFlow login;
    private final OAuthStatus status;
    private final ZoomTokenService tokens;
    private final OAuthSettings settings;
    private final Secret clientAuthorization;
    private final Leadership leadership;

    OAuthRoutes(BridgeSettings.Zoom zoom, AdminAuth adminAuth, LoginFlow login, OAuthStatus status,
                ZoomTokenService tokens, OAuthSettings settings, Leadership leadership) {
        this.leadership = leadership;
        this.zoom = zoom;
        this.adminAuth = adminAuth;
        this.login = login;
        this.status = status;
        this.tokens = tokens;
        this.settings = settings;
        this.clientAuthorization = new Secret("Basic " + Base64.getEncoder().encodeToString(
                (zoom.clientId() + ":" + zoom.clientSecret().reveal()).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void configure() {
        // Starting a login changes state (it can link another Zoom account), so even the GET must come
        // from the bridge's own page; the console posts a form, which every browser sends with Origin.
        from("platform-http:/oauth/login?httpMethodRestrict=GET,POST")
                .routeId("oauth-login")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(adminAuth.changingState())
                .process(login::start);

        from("platform-http:/oauth/callback?httpMethodRestrict=GET")
                .routeId("oauth-callback")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(login::callback);

        from("platform-http:/oauth/status?httpMethodRestrict=GET,HEAD")
                .routeId("oauth-status")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(exchange -> HttpReplies.json(exchange, 200, status.body()));

        // A short fixed tick that only looks: the refresh itself happens at 80-90 % of the token's
        // lifetime as told by the injected clock, so tests move the clock instead of waiting.
        // Only the leader refreshes: Zoom's rotation allows one holder of the refresh token.
        from(leadership.leaderOnly(ClusterModule.GROUP, "timer:oauth-refresh?delay=0&period=" + settings.checkInterval().toMillis()))
                .routeId("oauth-refresh-timer")
                .process(exchange -> tokens.tick());

        // Every replica watches the shared store (a version number, by primary key), so a grant stored
        // anywhere reaches the leader's Zoom consumer within about a second, and a follower's
        // /oauth/status is current when it takes over.
        from("timer:oauth-token-watch?delay=0&period=" + settings.storeWatchInterval().toMillis())
                .routeId("oauth-token-watch")
                .process(exchange -> tokens.watchStore());

        // Failures (timeouts, refused connections) become a header for TokenEndpoint to classify:
        // the default error handler would log the exchange, and the exchange carries tokens.
        from(TokenEndpoint.ROUTE)
                .routeId("oauth-token-request")
                .process(this::prepareTokenRequest)
                .doTry()
                    .to(zoom.tokenUrl() + "?throwExceptionOnFailure=false&httpClient=#" + HTTP_CLIENT_BEAN)
                .doCatch(Exception.class)
                    .process(exchange -> {
                        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                        exchange.getMessage().removeHeaders("*");
                        exchange.getMessage().setBody(null);
                        exchange.getMessage().setHeader(TokenEndpoint.FAILURE_HEADER,
                                e == null ? "Exception" : e.getClass().getSimpleName());
                    })
                .end();
    }

    /** Only the headers Zoom needs go out: nothing from the caller's exchange is forwarded. */
    private void prepareTokenRequest(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        message.setHeader("Accept", Json.CONTENT_TYPE);
        message.setHeader("Authorization", clientAuthorization.reveal());
    }
}
