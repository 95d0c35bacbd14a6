package com.zoomoverlay.bridge.outputs.common;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.zoomoverlay.bridge.delivery.targets.TargetConfig;
import com.zoomoverlay.bridge.retry.RetryAfter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * One graphics target's HTTP connection pool (Vert.x, keep-alive) with bounded waits. It sends one request
 * and reports what came back; deciding what that means for the product is the sender's job.
 */
public final class HttpTargetClient implements AutoCloseable {

    /** Connect and response timeouts of a target: {@code connect-timeout} (2s) and {@code response-timeout} (5s). */
    public record Timeouts(Duration connect, Duration response) {
        public static Timeouts of(TargetConfig config) {
            return new Timeouts(config.duration("connect-timeout", Duration.ofSeconds(2)),
                    config.duration("response-timeout", Duration.ofSeconds(5)));
        }
    }

    private final HttpClient client;
    private final Timeouts timeouts;
    private final Context context;
    private final Clock clock;

    /** {@code clock} dates an HTTP-date {@code Retry-After} (the bridge's clock, which tests move). */
    public HttpTargetClient(Vertx vertx, Timeouts timeouts, int maxConnections, Clock clock) {
        this.timeouts = timeouts;
        this.clock = clock;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) timeouts.connect().toMillis())
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(Math.max(1, maxConnections)));
    }

    /** Sends once; fails the future only when no answer came (connection refused, reset, timeout). */
    public Future<HttpReply> send(HttpMethod method, URI uri, Map<String, String> headers, String body) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(uri.toString())
                .setConnectTimeout(timeouts.connect().toMillis()) // also bounds the wait for a pooled connection
                .setIdleTimeout(timeouts.response().toMillis());
        headers.forEach(options::putHeader);
        // Started on the client's own context: a response handled on another thread could end before its
        // body handler is set, and the body (and the reply) would be lost.
        Promise<HttpReply> reply = Promise.promise();
        context.runOnContext(v -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(buffer -> new HttpReply(response.statusCode(),
                        buffer.toString(), RetryAfter.parse(response.getHeader("Retry-After"), clock.instant()))))
                .onComplete(reply));
        return reply.future();
    }

    /** A short description of why no answer came, naming neither the URL nor anything in it (tokens live there). */
    public static String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        if (failure instanceof io.netty.channel.ConnectTimeoutException || name.contains("Timeout")) {
            return "no answer in time (" + name + ")";
        }
        return "connection failed: " + name;
    }

    @Override
    public void close() {
        client.close();
    }
}
