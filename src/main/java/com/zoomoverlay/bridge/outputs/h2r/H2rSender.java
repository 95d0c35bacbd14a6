package com.zoomoverlay.bridge.outputs.h2r;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.outputs.common.HttpReply;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import io.vertx.core.http.HttpMethod;

/**
 * Plays an {@link H2rInstruction}: one {@code POST <project api>/graphic/<id>/update}. A 2xx is delivered;
 * a 4xx (unknown project or graphic, a body H2R refuses) is the request's fault and rejected; no answer,
 * 429 or 5xx is retried.
 */
final class H2rSender implements Sender {

    private final H2rKind.Settings settings;
    private final HttpTargetClient client;

    H2rSender(H2rKind.Settings settings, HttpTargetClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public CompletionStage<SendResult> send(OutgoingDelivery delivery) {
        H2rInstruction instruction;
        try {
            instruction = Instructions.read(delivery.body(), H2rInstruction.class);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.rejected(e.getMessage()));
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        client.send(HttpMethod.POST, settings.projectApi().resolve("graphic/" + instruction.graphic() + "/update"),
                Map.of("Content-Type", Json.CONTENT_TYPE), Instructions.write(instruction.updateBody()))
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
            return SendResult.retry("H2R Graphics answered HTTP " + reply.status(), reply.retryAfter());
        }
        return SendResult.rejected("H2R Graphics refused the update (HTTP " + reply.status()
                + (reply.status() == 404 ? ": check the project id in the target's url and the graphic id" : "") + ")");
    }

    @Override
    public void close() {
        client.close();
    }
}
