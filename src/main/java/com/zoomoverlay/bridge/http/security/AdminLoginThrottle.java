package com.zoomoverlay.bridge.http.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zoomoverlay.bridge.log.LogBudget;
import com.zoomoverlay.bridge.retry.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure budget per client for admin logins: the first few wrong tokens cost nothing, every one
 * after that makes the client wait twice as long (up to a cap) before it may try again, whatever it
 * sends. Each client's episode is logged twice at most (its first failure, the start of its wait),
 * and all of them together at most a few lines a minute; every failure is counted. The table is a
 * size-bounded Caffeine cache whose entries expire a quiet while after a client's last failure.
 */
final class AdminLoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(AdminLoginThrottle.class);
    private static final int LOG_LINES_PER_MINUTE = 20;

    /** One client's failures since it last got in or was forgotten. */
    private record Failures(int count, Instant blockedUntil) {
    }

    private final AdminLoginSettings settings;
    private final Clock clock;
    private final Cache<String, Failures> clients;
    private final LogBudget logBudget;
    private final MeterRegistry registry;

    public AdminLoginThrottle(AdminLoginSettings settings, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.logBudget = new LogBudget(LOG_LINES_PER_MINUTE, Duration.ofMinutes(1), clock);
        // Expiry runs on the injected clock, and maintenance on the caller: tests move the clock and see it at once.
        this.clients = Caffeine.newBuilder()
                .maximumSize(settings.maxClients())
                .expireAfterWrite(settings.forgetAfter())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
        Gauge.builder("admin.login.clients", this, AdminLoginThrottle::trackedClients)
                .description("Clients with failed admin logins remembered (bounded by bridge.admin.login-max-clients)")
                .register(registry);
    }

    /** How long {@code client} must still wait before it may try again; empty when it may. */
    public Optional<Duration> waitFor(String client) {
        Failures failures = clients.getIfPresent(client);
        return failures == null ? Optional.empty() : remaining(failures.blockedUntil());
    }

    /**
     * Counts a wrong credential from {@code client} ({@code scheme}: basic, bearer or other) on
     * {@code route}; returns the wait it now has to make, empty while it is within its budget.
     */
    public Optional<Duration> failed(String client, String scheme, String route) {
        Counter.builder("admin.login.failures").description("Admin requests with a wrong token, by auth scheme")
                .tag("scheme", scheme).register(registry).increment();
        Instant now = clock.instant();
        Failures failures = clients.asMap().compute(client, (key, old) -> next(old == null ? 0 : old.count(), now));
        if (failures.count() == 1) {
            log("admin login failed client={} scheme={} route={}", client, scheme, route, failures);
        } else if (failures.count() == settings.freeFailures() + 1) {
            log("admin logins throttled client={} scheme={} route={}", client, scheme, route, failures);
        }
        return remaining(failures.blockedUntil());
    }

    /** The right token: the client's slate is clean. */
    public void succeeded(String client) {
        clients.invalidate(client);
    }

    /** The key a client is remembered by: its IPv4 address, or the /64 of an IPv6 one (one host's usual share). */
    public static String clientKey(String address) {
        String literal = address != null && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        // Netty parses literals only: nothing here ever looks a name up.
        byte[] ip = literal == null ? null : NetUtil.createByteArrayFromIpAddressString(literal);
        if (ip == null) {
            return "unknown";
        }
        try {
            if (ip.length == 16) {
                Arrays.fill(ip, 8, 16, (byte) 0);
                return InetAddress.getByAddress(ip).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** How many clients the table holds now (expired ones removed first). */
    long trackedClients() {
        clients.cleanUp();
        return clients.estimatedSize();
    }

    private Failures next(int previous, Instant now) {
        int count = previous == Integer.MAX_VALUE ? previous : previous + 1;
        int over = count - settings.freeFailures();
        if (over <= 0) {
            return new Failures(count, null);
        }
        // no jitter: the wait is a penalty the client is told (Retry-After), not a retry to spread out
        return new Failures(count, now.plus(new Backoff(settings.firstDelay(), settings.maxDelay(), 0).ceiling(over - 1)));
    }

    private Optional<Duration> remaining(Instant blockedUntil) {
        if (blockedUntil == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), blockedUntil);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    // The token is never logged: neither the credential nor the Basic user name (people type tokens there).
    private void log(String format, String client, String scheme, String route, Failures failures) {
        logBudget.take().ifPresent(dropped -> LOG.warn(format + " failures={} waitSeconds={} linesSuppressed={}",
                client, scheme, route, failures.count(),
                remaining(failures.blockedUntil()).map(AdminLoginThrottle::seconds).orElse(0L), dropped));
    }

    /** Whole seconds, rounded up: what {@code Retry-After} says. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
