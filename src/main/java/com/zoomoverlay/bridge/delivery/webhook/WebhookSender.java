package com.zoomoverlay.bridge.delivery.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.retry.RetryAfter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * POSTs one delivery as a Standard Webhooks request on a keep-alive connection of this target's own
 * Vert.x client: no endpoint lookup, no per-request setup beyond the signature (its timestamp is the
 * attempt's). 2xx is delivered; 408, 429, 5xx, timeouts and connection failures are worth retrying
 * (honouring {@code Retry-After}); any other answer says the request itself is wrong.
 */
final class WebhookSender implements Sender {

    private final HttpClient client;
    private final RequestOptions base;
    private final WebhookSigner signer;
    private final Duration responseTimeout;
    private final Clock clock;

    WebhookSender(Vertx vertx, URI url, Secret secret, Duration connectTimeout, Duration responseTimeout, Clock clock) {
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setSsl(tls)
                        .setKeepAlive(true)
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setIdleTimeout(60)
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(8));
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        this.base = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(port).setSsl(tls)
                .setURI(path).setFollowRedirects(false);
        this.signer = new WebhookSigner(secret);
        this.responseTimeout = responseTimeout;
        this.clock = clock;
    }

    @Override
    public CompletionStage<SendResult> send(OutgoingDelivery delivery) {
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions(base)
                .setIdleTimeout(responseTimeout.toMillis())
                .putHeader("content-type", Json.CONTENT_TYPE)
                .putHeader("webhook-id", delivery.deliveryId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signer.sign(delivery.deliveryId(), timestamp, delivery.body()));
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(delivery.body())))
                .compose(response -> response.end().map(v -> response))
                .onSuccess(response -> result.complete(outcome(response)))
                .onFailure(failure -> result.complete(SendResult.retry("connection failed: " + failure.getClass().getSimpleName())));
        return result;
    }

    private SendResult outcome(HttpClientResponse response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendResult.delivered();
        }
        String error = "HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            return SendResult.retry(error, RetryAfter.parse(response.getHeader("Retry-After"), clock.instant()));
        }
        return SendResult.rejected(error);
    }

    @Override
    public void close() {
        client.close();
    }
}
