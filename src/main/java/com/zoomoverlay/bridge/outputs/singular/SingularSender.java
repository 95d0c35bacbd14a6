package com.zoomoverlay.bridge.outputs.singular;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.outputs.common.HttpReply;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import io.vertx.core.http.HttpMethod;

/**
 * Puts the delivery body (a JSON object: the data stream payload the Control App's composition reads) to
 * {@code PUT <api>/<private token>}. 2xx is delivered; 429 and 5xx are retried, honouring
 * {@code Retry-After}; another 4xx (a wrong or revoked token) is rejected. The token is part of the URL, so
 * no error message carries the URL.
 */
final class SingularSender implements Sender {

    private final URI streamUrl;
    private final HttpTargetClient client;

    SingularSender(SingularKind.Settings settings, HttpTargetClient client) {
        this.streamUrl = settings.api().resolve(settings.token().reveal());
        this.client = client;
    }

    @Override
    public CompletionStage<SendResult> send(OutgoingDelivery delivery) {
        if (!isJsonObject(delivery.body())) {
            return CompletableFuture.completedFuture(SendResult.rejected("a Singular data stream payload must be a JSON object"));
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        client.send(HttpMethod.PUT, streamUrl, Map.of("Content-Type", Json.CONTENT_TYPE), delivery.body())
                .onComplete(done -> result.complete(done.succeeded()
                        ? judge(done.result())
                        : SendResult.retry(HttpTargetClient.describe(done.cause()))));
        return result;
    }

    static SendResult judge(HttpReply reply) {
        if (reply.ok()) {
            return SendResult.delivered();
        }
        if (reply.transientFailure()) {
            return SendResult.retry("Singular answered HTTP " + reply.status(), reply.retryAfter());
        }
        boolean token = reply.status() == 401 || reply.status() == 403 || reply.status() == 404;
        return SendResult.rejected("Singular refused the data stream update (HTTP " + reply.status()
                + (token ? ": check the target's token" : "") + ")");
    }

    private static boolean isJsonObject(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
