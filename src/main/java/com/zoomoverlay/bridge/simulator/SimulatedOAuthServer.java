package com.zoomoverlay.bridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Zoom's OAuth endpoints as Zoom documents them: {@code GET /oauth/authorize} (auto-approves, with
 * PKCE S256 required) and {@code POST /oauth/token} with HTTP Basic client authentication for the
 * {@code authorization_code}, {@code refresh_token} (rotating) and {@code account_credentials} grants.
 */
public final class SimulatedOAuthServer {

    /** The Server-to-Server account the simulated Zoom knows. */
    public static final String ACCOUNT_ID = "simulated-account";
    /** Token requests are a few hundred bytes; anything large is not a client of ours. */
    static final long TOKEN_BODY_LIMIT = 8 * 1024;
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final ZoomSimulator simulator;
    private final SimulatedGrants grants;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();

    SimulatedOAuthServer(ZoomSimulator simulator) {
        this.simulator = simulator;
        this.grants = new SimulatedGrants(simulator.tokens());
    }

    void addRoutes(Router router) {
        router.get("/oauth/authorize").handler(this::authorize);
        router.post("/oauth/token").handler(BodyHandler.create(false).setBodyLimit(TOKEN_BODY_LIMIT)).handler(this::token);
        new SimulatedOAuthControl(this).addRoutes(router);
    }

    public TokenEndpointFaults faults() {
        return faults;
    }

    public SimulatedGrants grants() {
        return grants;
    }

    /** Shortcut for tests: the next refresh of any existing grant gets {@code invalid_grant}. */
    public void revokeAllRefreshTokens() {
        grants.revokeAllRefreshTokens();
    }

    private void authorize(RoutingContext ctx) {
        MultiMap q = ctx.request().params();
        SimulatorConfig config = simulator.config();
        String redirectUri = q.get("redirect_uri");
        // Client and redirect URI are checked before anything is sent anywhere: never redirect to an unknown URI.
        if (!config.clientId().equals(q.get("client_id"))) {
            errorPage(ctx, "invalid_client", "Unknown client_id.");
            return;
        }
        if (redirectUri == null || !config.redirectUris().contains(redirectUri)) {
            errorPage(ctx, "invalid_redirect_uri", "redirect_uri is not registered for this app.");
            return;
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            redirect(ctx, redirectUri, Map.of("error", "unsupported_response_type"), state);
        } else if (!"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null
                || !S256_CHALLENGE.matcher(q.get("code_challenge")).matches()) {
            redirect(ctx, redirectUri, Map.of("error", "invalid_request",
                    "error_description", "PKCE with code_challenge_method=S256 is required"), state);
        } else if (faults.takeDenial()) {
            redirect(ctx, redirectUri, Map.of("error", "access_denied"), state);
        } else {
            String code = grants.issueCode(redirectUri, q.get("code_challenge"), config.grantedScopes(),
                    config.authorizationCodeLifetime());
            redirect(ctx, redirectUri, Map.of("code", code), state);
        }
    }

    private void token(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        faults.recordCall(form.get("grant_type"));
        // The fault is decided on arrival, the answer may come later: a slow failing call never consumes
        // a code or rotates a refresh token behind a client that has already timed out and retried.
        Optional<TokenEndpointFaults.Failure> failure = faults.takeFailure();
        long delayMillis = faults.delay().toMillis();
        if (delayMillis > 0) {
            simulator.vertx().setTimer(delayMillis, id -> answerToken(ctx, form, failure));
        } else {
            answerToken(ctx, form, failure);
        }
    }

    private void answerToken(RoutingContext ctx, MultiMap form, Optional<TokenEndpointFaults.Failure> failure) {
        if (ctx.response().closed()) {
            return; // the client hung up: treat the request as lost on the way, nothing is granted
        }
        if (failure.isPresent()) {
            failure.get().retryAfterSeconds().ifPresent(s -> ctx.response().putHeader("Retry-After", String.valueOf(s)));
            json(ctx, failure.get().status(), error("server_error", "Injected failure."));
            return;
        }
        if (!clientAuthenticated(ctx.request().getHeader("Authorization"))) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"zoom\"");
            json(ctx, 401, error("invalid_client", "Invalid client credentials."));
            return;
        }
        String grantType = form.get("grant_type");
        if ("authorization_code".equals(grantType)) {
            grants.redeemCode(form.get("code"), form.get("redirect_uri"), form.get("code_verifier")).ifPresentOrElse(
                    scopes -> json(ctx, 200, tokenResponse(scopes, true)),
                    () -> json(ctx, 400, error("invalid_grant", "Invalid authorization code.")));
        } else if ("refresh_token".equals(grantType)) {
            grants.redeemRefreshToken(form.get("refresh_token")).ifPresentOrElse(
                    scopes -> json(ctx, 200, tokenResponse(scopes, true)),
                    () -> json(ctx, 400, error("invalid_grant", "Invalid Token!")));
        } else if ("account_credentials".equals(grantType)) {
            if (ACCOUNT_ID.equals(form.get("account_id"))) {
                json(ctx, 200, tokenResponse(simulator.config().grantedScopes(), false));
            } else {
                json(ctx, 400, error("invalid_request", "Invalid account_id."));
            }
        } else {
            json(ctx, 400, error("unsupported_grant_type", "Unsupported grant type."));
        }
    }

    private Map<String, Object> tokenResponse(List<String> scopes, boolean withRefreshToken) {
        SimulatorConfig config = simulator.config();
        SimulatedTokens.AccessToken access = simulator.tokens().issueAccessToken(config.accessTokenLifetime(), scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access.value());
        body.put("token_type", "bearer");
        if (withRefreshToken) {
            body.put("refresh_token", grants.issueRefreshToken(scopes));
        }
        body.put("expires_in", config.accessTokenLifetime().toSeconds());
        body.put("scope", String.join(" ", scopes));
        return body;
    }

    private boolean clientAuthenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        SimulatorConfig config = simulator.config();
        return decoded.equals(config.clientId() + ":" + config.clientSecret());
    }

    /** Zoom's error body: {@code error} plus a human {@code reason}. */
    private static Map<String, Object> error(String error, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("error", error);
        return body;
    }

    private static void json(RoutingContext ctx, int status, Map<String, Object> body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject(body).encode());
    }

    private static void errorPage(RoutingContext ctx, String error, String message) {
        ctx.response().setStatusCode(400)
                .putHeader("Content-Type", "text/plain;charset=UTF-8")
                .end("Zoom (simulated) cannot authorize this request: " + error + ": " + message + "\n");
    }

    private static void redirect(RoutingContext ctx, String redirectUri, Map<String, String> params, String state) {
        QueryStringEncoder location = new QueryStringEncoder(redirectUri);
        params.forEach(location::addParam);
        if (state != null) {
            location.addParam("state", state);
        }
        ctx.response().setStatusCode(302).putHeader("Location", location.toString()).putHeader("Cache-Control", "no-store").end();
    }
}
