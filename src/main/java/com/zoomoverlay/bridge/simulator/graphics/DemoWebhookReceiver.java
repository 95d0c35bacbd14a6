package com.zoomoverlay.bridge.simulator.graphics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The demo's webhook receiver: checks each request as a Standard Webhooks receiver does (a {@code v1,}
 * HMAC-SHA256 of {@code id.timestamp.body} under the {@code whsec_} key, timestamp within 5 minutes) and
 * answers 204, or 401 when the signature is wrong. A receiver made {@code flaky} answers every 4th request
 * 503 and every 9th 422, so the console shows retries and dead letters without anyone touching anything.
 */
public final class DemoWebhookReceiver {

    private static final long TOLERANCE_SECONDS = 300;

    private final byte[] key;
    private final Clock clock;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> verified = new ConcurrentHashMap<>();
    private final Map<String, Boolean> flaky = new ConcurrentHashMap<>();
    private final Map<String, Faults> faults = new ConcurrentHashMap<>();

    public DemoWebhookReceiver(String whsecSecret, Clock clock) {
        this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        this.clock = clock;
    }

    public void addRoutes(Router router, String path) {
        router.post(path + "/:name").handler(BodyHandler.create().setBodyLimit(1024 * 1024)).handler(this::handle);
    }

    /** A receiver that fails now and then on its own (see the class comment). */
    public void flaky(String name) {
        flaky.put(name, true);
    }

    public Faults faults(String name) {
        return faults.computeIfAbsent(name, n -> new Faults());
    }

    public Map<String, Object> state() {
        Map<String, Object> state = new java.util.TreeMap<>();
        requests.forEach((name, n) -> state.put(name, Map.of("requests", n.get(),
                "verified", verified.getOrDefault(name, new AtomicLong()).get(), "flaky", flaky.getOrDefault(name, false))));
        return state;
    }

    private void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Faults f = faults(name);
        if (f.isDown()) {
            ctx.request().connection().close();
            return;
        }
        long n = requests.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        int failure = f.takeFailure();
        if (failure == 0 && flaky.getOrDefault(name, false)) {
            failure = n % 9 == 0 ? 422 : n % 4 == 0 ? 503 : 0;
        }
        if (failure != 0) {
            ctx.response().setStatusCode(failure).end();
            return;
        }
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        if (!valid(ctx.request().getHeader("webhook-id"), ctx.request().getHeader("webhook-timestamp"),
                ctx.request().getHeader("webhook-signature"), body == null ? "" : body)) {
            ctx.response().setStatusCode(401).end();
            return;
        }
        verified.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        ctx.response().setStatusCode(204).end();
    }

    private boolean valid(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String entry : signatures.split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
