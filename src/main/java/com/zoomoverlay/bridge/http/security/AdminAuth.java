package com.zoomoverlay.bridge.http.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.log.LogBudget;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards admin routes, as their first step ({@code .process(AdminAuth.of(camel))}). In order: a
 * client that is serving a wait for failed logins gets 429 with {@code Retry-After}; a request
 * without credentials gets 401 (a browser then asks its user); a request that changes state (any
 * method but GET/HEAD/OPTIONS, or a route that says so with {@link #changingState()}) must come from
 * the bridge's own origin ({@link OriginPolicy}) or get 403; then the credential must be
 * {@code Authorization: Bearer ADMIN_TOKEN}, or HTTP Basic with password {@code ADMIN_TOKEN} (any user
 * name) so a browser can log in, else 401 and the failure counts against the client's budget.
 * One instance serves every route, so the budget is per client, not per route.
 */
public final class AdminAuth implements Processor {

    private static final String REALM = "zoom-overlay-bridge";
    /** Registry name of the bridge's one instance (bound by HttpModule). */
    public static final String BEAN_NAME = "adminAuth";

    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** A foreign page can make a visitor's browser send refused requests in a loop: the log stays short. */
    private static final int REFUSAL_LOG_LINES_PER_MINUTE = 20;

    private final Secret adminToken;
    private final OriginPolicy origins;
    private final AdminLoginThrottle throttle;
    private final MeterRegistry registry;
    private final LogBudget refusalLog;

    AdminAuth(Secret adminToken, OriginPolicy origins, AdminLoginThrottle throttle, MeterRegistry registry,
                     Clock clock) {
        this.adminToken = adminToken;
        this.origins = origins;
        this.throttle = throttle;
        this.registry = registry;
        this.refusalLog = new LogBudget(REFUSAL_LOG_LINES_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    /**
     * The guard for the bridge's settings: {@code ADMIN_TOKEN}, the redirect URI's origin, the
     * {@code bridge.admin.login-*} budget, the registry's clock and meters. HttpModule binds the one instance.
     */
    public static AdminAuth create(CamelContext camel, BridgeSettings settings) {
        Clock clock = BridgeClock.of(camel);
        AdminLoginSettings logins = AdminLoginSettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        return new AdminAuth(settings.security().adminToken(),
                OriginPolicy.forRedirectUri(settings.zoom().redirectUri()),
                new AdminLoginThrottle(logins, clock, MetricsModule.registry(camel)),
                MetricsModule.registry(camel), clock);
    }

    /** The bridge's admin guard; HttpModule must be installed first. */
    public static AdminAuth of(CamelContext camel) {
        AdminAuth auth = camel.getRegistry().lookupByNameAndType(BEAN_NAME, AdminAuth.class);
        if (auth == null) {
            throw new IllegalStateException("HttpModule must be installed before modules with admin routes");
        }
        return auth;
    }

    @Override
    public void process(Exchange exchange) {
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        guard(exchange, method == null || !SAFE_METHODS.contains(method));
    }

    /** The same guard for a GET that changes state (the login start): the origin is checked as for a POST. */
    public Processor changingState() {
        return exchange -> guard(exchange, true);
    }

    private void guard(Exchange exchange, boolean changesState) {
        Message in = exchange.getMessage();
        // platform-http filters Host out of the message headers: the Vert.x request has it (as its authority).
        HttpServerRequest request = in instanceof HttpMessage http ? http.getRequest() : null;
        String client = AdminLoginThrottle.clientKey(remoteAddress(request));
        Optional<Duration> wait = throttle.waitFor(client);
        if (wait.isPresent()) {
            tooManyFailures(exchange, wait.get());
            return;
        }
        String authorization = in.getHeader("Authorization", String.class);
        if (authorization == null || authorization.isBlank()) {
            unauthorized(exchange);
            return;
        }
        if (changesState) {
            Optional<OriginPolicy.Refusal> refusal = origins.check(in.getHeader("Origin", String.class),
                    in.getHeader("Sec-Fetch-Site", String.class), host(request), isBearer(authorization));
            if (refusal.isPresent()) {
                refuse(exchange, refusal.get(), client);
                return;
            }
        }
        if (!isAdmin(authorization)) {
            Optional<Duration> now = throttle.failed(client, scheme(authorization), exchange.getFromRouteId());
            if (now.isPresent()) {
                tooManyFailures(exchange, now.get());
            } else {
                unauthorized(exchange);
            }
        } else {
            throttle.succeeded(client);
        }
    }

    /** True for a Bearer or Basic credential carrying the admin token. */
    boolean isAdmin(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (isBearer(authorization)) {
            return adminToken.matches(authorization.substring(7).trim());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon >= 0 && adminToken.matches(decoded.substring(colon + 1));
        }
        return false;
    }

    private static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static String scheme(String authorization) {
        if (isBearer(authorization)) {
            return "bearer";
        }
        return authorization.regionMatches(true, 0, "Basic ", 0, 6) ? "basic" : "other";
    }

    /** The Host the client sent the request to, as {@code host[:port]}. */
    private static String host(HttpServerRequest request) {
        HostAndPort authority = request == null ? null : request.authority();
        if (authority == null || authority.host() == null) {
            return null;
        }
        String host = authority.host().contains(":") && !authority.host().startsWith("[")
                ? "[" + authority.host() + "]" : authority.host();
        return authority.port() >= 0 ? host + ":" + authority.port() : host;
    }

    private static String remoteAddress(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        return address == null ? null : address.hostAddress();
    }

    private static void unauthorized(Exchange exchange) {
        HttpReplies.error(exchange, 401, "unauthorized", "Admin credentials required (Bearer token or Basic password).");
        exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        exchange.setRouteStop(true);
    }

    private void tooManyFailures(Exchange exchange, Duration wait) {
        long seconds = AdminLoginThrottle.seconds(wait);
        refused("throttled");
        HttpReplies.error(exchange, 429, "too_many_failed_logins",
                "Too many wrong admin tokens from this address: try again in " + seconds + " s.");
        exchange.getMessage().setHeader("Retry-After", String.valueOf(seconds));
        exchange.setRouteStop(true);
    }

    private void refuse(Exchange exchange, OriginPolicy.Refusal refusal, String client) {
        refused(refusal.tag());
        refusalLog.take().ifPresent(dropped -> LOG.warn(
                "admin request refused reason={} route={} client={} linesSuppressed={}",
                refusal.tag(), exchange.getFromRouteId(), client, dropped));
        HttpReplies.error(exchange, 403, refusal.error(), refusal.message());
        exchange.setRouteStop(true);
    }

    private void refused(String reason) {
        Counter.builder("admin.requests.refused")
                .description("Admin requests refused before their credentials were looked at, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
