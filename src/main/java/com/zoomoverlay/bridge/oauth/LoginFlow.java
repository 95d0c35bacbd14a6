package com.zoomoverlay.bridge.oauth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.http.CookieSameSite;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser side of Zoom's authorization-code flow. {@link #start} (behind admin auth) sends the
 * browser to Zoom with a fresh {@code state} and PKCE challenge, and binds the state to that browser
 * with an HttpOnly, SameSite=Lax cookie; {@link #callback} accepts Zoom's answer only with a known,
 * unexpired, unused state that matches the cookie, and only then exchanges the code.
 */
final class LoginFlow {

    static final String COOKIE = "zoom_oauth_state";
    private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

    private final BridgeSettings.Zoom zoom;
    private final LoginStates states;
    private final ZoomTokenService tokens;
    private final OAuthStatus status;
    private final OAuthMetrics metrics;
    private final Clock clock;
    private final Pkce pkce = new Pkce();

    LoginFlow(BridgeSettings.Zoom zoom, LoginStates states, ZoomTokenService tokens, OAuthStatus status,
              OAuthMetrics metrics, Clock clock) {
        this.zoom = zoom;
        this.states = states;
        this.tokens = tokens;
        this.status = status;
        this.metrics = metrics;
        this.clock = clock;
    }

    void start(Exchange exchange) {
        if (tokens.serverToServer()) {
            HttpReplies.error(exchange, 409, "server_to_server",
                    "ZOOM_ACCOUNT_ID is set: the bridge authorizes itself with the account_credentials grant, no login needed.");
            return;
        }
        Instant now = clock.instant();
        String state = pkce.newState();
        String verifier = pkce.newVerifier();
        states.create(state, verifier, now.plus(OAuthSettings.STATE_LIFETIME), now);
        QueryStringEncoder location = new QueryStringEncoder(zoom.authorizeUrl().toString());
        location.addParam("response_type", "code");
        location.addParam("client_id", zoom.clientId());
        location.addParam("redirect_uri", zoom.redirectUri().toString());
        location.addParam("state", state);
        location.addParam("code_challenge", Pkce.challenge(verifier));
        location.addParam("code_challenge_method", "S256");
        HttpReplies.reply(exchange, 302, "text/plain; charset=utf-8", "Redirecting to Zoom.");
        exchange.getMessage().setHeader("Location", location.toString());
        exchange.getMessage().setHeader("Set-Cookie", cookie(state, OAuthSettings.STATE_LIFETIME.toSeconds()));
        LOG.info("oauth login started");
    }

    void callback(Exchange exchange) {
        String error = exchange.getMessage().getHeader("error", String.class);
        String state = exchange.getMessage().getHeader("state", String.class);
        String code = exchange.getMessage().getHeader("code", String.class);
        Optional<String> bound = cookieValue(exchange.getMessage().getHeader("Cookie", String.class));
        if (error != null) {
            if (state != null) {
                states.consume(state, clock.instant()); // single use, even when Zoom says no
            }
            metrics.login(OAuthMetrics.Login.DENIED);
            LOG.warn("oauth callback error from Zoom error={}", error.matches("[a-z_]{1,40}") ? error : "other");
            reject(exchange, "zoom_error", "Zoom did not authorize the bridge (the app was not approved).");
            return;
        }
        if (state == null || state.isEmpty()) {
            badState(exchange, "missing", "The callback has no state: start the login from the console.");
            return;
        }
        if (bound.isEmpty() || !constantTimeEquals(bound.get(), state)) {
            badState(exchange, "unbound", "This login was not started in this browser: start it again from the console.");
            return;
        }
        LoginStates.Consumed consumed = states.consume(state, clock.instant());
        if (consumed.outcome() == LoginStates.Outcome.UNKNOWN) {
            badState(exchange, "unknown", "This login link is unknown or was already used: start the login again.");
        } else if (consumed.outcome() == LoginStates.Outcome.EXPIRED) {
            badState(exchange, "expired", "This login took longer than 10 minutes: start it again.");
        } else if (code == null || code.isEmpty()) {
            badState(exchange, "no_code", "Zoom sent no authorization code: start the login again.");
        } else {
            exchangeCode(exchange, code, consumed.verifier().orElseThrow());
        }
    }

    private void exchangeCode(Exchange exchange, String code, String verifier) {
        TokenEndpoint.Result result = tokens.completeLogin(code, verifier);
        if (result instanceof TokenEndpoint.Granted) {
            metrics.login(OAuthMetrics.Login.SUCCESS);
            OAuthPages.success(exchange, status.body());
            exchange.getMessage().setHeader("Set-Cookie", cookie("", 0));
            return;
        }
        metrics.login(OAuthMetrics.Login.EXCHANGE_FAILED);
        if (result instanceof TokenEndpoint.Transient failure) {
            LOG.warn("oauth code exchange failed reason=\"{}\"", failure.reason());
            reject(exchange, 502, "zoom_unavailable", "Zoom's token endpoint did not answer in time: start the login again.");
        } else {
            LOG.warn("oauth code exchange refused result={}", result);
            reject(exchange, 400, "exchange_refused", "Zoom refused the authorization code: start the login again.");
        }
    }

    private void badState(Exchange exchange, String why, String message) {
        metrics.login(OAuthMetrics.Login.BAD_STATE);
        LOG.warn("oauth callback rejected state={}", why);
        reject(exchange, "invalid_state", message);
    }

    private void reject(Exchange exchange, String error, String message) {
        reject(exchange, 400, error, message);
    }

    private void reject(Exchange exchange, int status, String error, String message) {
        OAuthPages.error(exchange, status, error, message);
        exchange.getMessage().setHeader("Set-Cookie", cookie("", 0));
    }

    /** HttpOnly (no script reads it), SameSite=Lax (sent on Zoom's top-level redirect back), scoped to /oauth. */
    private String cookie(String value, long maxAgeSeconds) {
        io.vertx.core.http.Cookie cookie = io.vertx.core.http.Cookie.cookie(COOKIE, value)
                .setPath("/oauth")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX)
                .setMaxAge(maxAgeSeconds)
                .setSecure("https".equals(zoom.redirectUri().getScheme()));
        return cookie.encode();
    }

    private static Optional<String> cookieValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
            if (COOKIE.equals(cookie.name()) && !cookie.value().isEmpty()) {
                return Optional.of(cookie.value());
            }
        }
        return Optional.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
