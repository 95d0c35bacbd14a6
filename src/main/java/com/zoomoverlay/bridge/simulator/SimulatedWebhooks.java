package com.zoomoverlay.bridge.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.zoomoverlay.bridge.retry.RetryAfter;
import com.zoomoverlay.bridge.zoomhook.ZoomSignature;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * Zoom's Event Subscription webhooks, as the simulated Zoom sends them: {@code POST} of the event JSON
 * with {@code x-zm-request-timestamp} (unix seconds) and {@code x-zm-signature} ({@code v0=} HMAC), one
 * request after the other so the story keeps its order, a 5xx tried again after its {@code Retry-After}
 * (Zoom waits 5, 20 and 60 minutes; the simulator seconds), the {@code endpoint.url_validation}
 * challenge, and faults: a bad signature, a stale timestamp, a malformed body, a repeat.
 */
public final class SimulatedWebhooks {

    /** A request Zoom would never send, to see the bridge refuse it. */
    public enum Fault { BAD_SIGNATURE, STALE_TIMESTAMP, MALFORMED_BODY }

    private static final int ATTEMPTS = 3;
    private static final Duration MIN_RETRY_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Clock clock;
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong validationsPassed = new AtomicLong();
    private final AtomicLong validationsFailed = new AtomicLong();
    private volatile HttpClient client;
    private volatile URI target;
    private volatile ZoomSignature signature;
    private volatile boolean scripted;
    private volatile String lastEvent;
    private Future<Integer> tail = Future.succeededFuture(0);

    SimulatedWebhooks(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * Where to send and with which Secret Token; {@code scripted} sends the scripted meeting this way too
     * (as well as over the Event WebSocket). With {@code --simulate} the bridge calls this itself.
     */
    public void deliverTo(URI target, String secretToken, boolean scripted) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        this.target = target;
        this.signature = new ZoomSignature(secretToken);
        this.scripted = scripted;
    }

    public boolean configured() {
        return target != null;
    }

    /** Whether the scripted meeting goes this way. */
    public boolean scripted() {
        return configured() && scripted;
    }

    public void scripted(boolean on) {
        this.scripted = on;
    }

    /** Sends one event (its JSON text), signed, after the ones before it were answered; the future has the status. */
    public Future<Integer> send(String eventJson) {
        lastEvent = eventJson;
        return enqueue(eventJson.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The last event again, as Zoom does when it did not see an answer in time. */
    public Future<Integer> sendDuplicate() {
        String event = lastEvent;
        return event == null ? Future.succeededFuture(0) : enqueue(event.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The last event (or a made-up one) sent with {@code fault}; the bridge must refuse it and change nothing. */
    public Future<Integer> sendFault(Fault fault) {
        String event = lastEvent != null ? lastEvent : new JsonObject().put("event", "meeting.started")
                .put("event_ts", clock.millis()).put("payload", new JsonObject().put("account_id", SimulatedEventSocket.ACCOUNT_ID)
                        .put("object", new JsonObject().put("id", "0").put("topic", "fault probe"))).encode();
        byte[] body = fault == Fault.MALFORMED_BODY ? "{\"event\": \"meeting.started\", \"payload\": ".getBytes(StandardCharsets.UTF_8)
                : event.getBytes(StandardCharsets.UTF_8);
        return enqueue(body, fault);
    }

    /** Zoom's URL validation: sends a plainToken and checks the bridge's encryptedToken; true when right. */
    public Future<Boolean> validate() {
        String plain = UUID.randomUUID().toString().replace("-", "");
        String body = new JsonObject().put("event", "endpoint.url_validation").put("event_ts", clock.millis())
                .put("payload", new JsonObject().put("plainToken", plain)).encode();
        Promise<Boolean> result = Promise.promise();
        post(body.getBytes(StandardCharsets.UTF_8), null, 1).onComplete(answer -> {
            boolean ok = answer.succeeded() && answer.result().status == 200
                    && signature.encryptedToken(plain).equals(answer.result().json.getString("encryptedToken"))
                    && plain.equals(answer.result().json.getString("plainToken"));
            (ok ? validationsPassed : validationsFailed).incrementAndGet();
            result.complete(ok);
        });
        return result.future();
    }

    private synchronized Future<Integer> enqueue(byte[] body, Fault fault) {
        if (target == null) {
            return Future.failedFuture(new IllegalStateException("no webhook target: call deliverTo first"));
        }
        // one at a time, like a sender that keeps order; a failure does not stop the ones behind it
        Future<Integer> next = tail.transform(ignored -> post(body, fault, ATTEMPTS).map(a -> a.status));
        tail = next.otherwise(0);
        return next;
    }

    private Future<Answer> post(byte[] body, Fault fault, int attemptsLeft) {
        long seconds = clock.instant().getEpochSecond() - (fault == Fault.STALE_TIMESTAMP ? Duration.ofMinutes(10).toSeconds() : 0);
        String timestamp = String.valueOf(seconds);
        String signed = signature.sign(timestamp, body);
        if (fault == Fault.BAD_SIGNATURE) {
            signed = signed.substring(0, signed.length() - 1) + (signed.endsWith("0") ? "1" : "0");
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.toString())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("User-Agent", "Zoom Marketplace/1.1a (simulated)")
                .putHeader("x-zm-request-timestamp", timestamp)
                .putHeader("x-zm-signature", signed)
                .putHeader("x-zm-trackingid", "sim_" + UUID.randomUUID());
        sent.incrementAndGet();
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), json(b),
                        response.getHeader("Retry-After"))))
                .compose(answer -> {
                    answers.computeIfAbsent(answer.status, k -> new AtomicLong()).incrementAndGet();
                    if (answer.status >= 500 && attemptsLeft > 1) {
                        return later(retryAfter(answer.retryAfter)).compose(v -> post(body, fault, attemptsLeft - 1));
                    }
                    return Future.succeededFuture(answer);
                }, failure -> {
                    answers.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
                    return attemptsLeft > 1 ? later(Duration.ofSeconds(1)).compose(v -> post(body, fault, attemptsLeft - 1))
                            : Future.failedFuture(failure);
                });
    }

    private Future<Void> later(Duration wait) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(Math.max(1, wait.toMillis()), id -> p.complete());
        return p.future();
    }

    /** Zoom's pace for a webhook tried again: the receiver's Retry-After, kept within 1 to 30 seconds. */
    private Duration retryAfter(String header) {
        Duration wait = RetryAfter.parse(header, clock.instant()).orElse(MIN_RETRY_WAIT);
        return wait.compareTo(MIN_RETRY_WAIT) < 0 ? MIN_RETRY_WAIT : wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait;
    }

    private static JsonObject json(Buffer body) {
        try {
            return body.toJsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    // ---- observable state ----------------------------------------------------------------------

    /** Requests sent, retries included. */
    public long sent() {
        return sent.get();
    }

    /** How many answers had {@code status} (-1: no answer, the connection failed). */
    public long answered(int status) {
        AtomicLong n = answers.get(status);
        return n == null ? 0 : n.get();
    }

    JsonObject state() {
        JsonObject byStatus = new JsonObject();
        answers.forEach((status, n) -> byStatus.put(String.valueOf(status), n.get()));
        return new JsonObject().put("target", target == null ? null : target.toString()).put("scripted", scripted())
                .put("sent", sent.get()).put("answers", byStatus)
                .put("validationsPassed", validationsPassed.get()).put("validationsFailed", validationsFailed.get());
    }

    private record Answer(int status, JsonObject json, String retryAfter) {
    }
}
