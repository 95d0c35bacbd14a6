package com.zoomoverlay.bridge.outputs.vmix;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.outputs.common.HttpReply;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import com.zoomoverlay.bridge.outputs.common.QueryStrings;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/**
 * Plays a {@link VmixInstruction} on vMix's web API, one {@code GET /api/?Function=...} after the other.
 * vMix answers 200 when a function ran and 500 when it could not (unknown input, field or function): that
 * is the request's fault, so it is rejected; no answer, or another 5xx, is worth retrying. A retry runs the
 * whole instruction again, which is harmless: {@code SetText} and the overlay functions are idempotent.
 */
final class VmixSender implements Sender {

    private final VmixKind.Settings settings;
    private final HttpTargetClient client;
    private final Map<String, String> headers;

    VmixSender(VmixKind.Settings settings, HttpTargetClient client) {
        this.settings = settings;
        this.client = client;
        this.headers = settings.username().map(user -> Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + settings.password().orElseThrow().reveal()).getBytes(StandardCharsets.UTF_8))))
                .orElse(Map.of());
    }

    @Override
    public CompletionStage<SendResult> send(OutgoingDelivery delivery) {
        VmixInstruction instruction;
        try {
            instruction = Instructions.read(delivery.body(), VmixInstruction.class);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.rejected(e.getMessage()));
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        next(instruction.calls().iterator(), result);
        return result;
    }

    private void next(Iterator<Map<String, String>> calls, CompletableFuture<SendResult> result) {
        if (!calls.hasNext()) {
            result.complete(SendResult.delivered());
            return;
        }
        Map<String, String> call = calls.next();
        call(call).onComplete(done -> {
            SendResult outcome = done.succeeded()
                    ? judge(call.get("Function"), done.result())
                    : SendResult.retry(HttpTargetClient.describe(done.cause()));
            if (outcome.isDelivered()) {
                next(calls, result);
            } else {
                result.complete(outcome);
            }
        });
    }

    private Future<HttpReply> call(Map<String, String> parameters) {
        URI uri = URI.create(settings.api() + "?" + QueryStrings.of(parameters));
        return client.send(HttpMethod.GET, uri, headers, null);
    }

    static SendResult judge(String function, HttpReply reply) {
        if (reply.ok()) {
            return SendResult.delivered();
        }
        if (reply.status() == 500) {
            return SendResult.rejected("vMix could not run " + function + ": " + reply.firstLine());
        }
        if (reply.transientFailure()) {
            return SendResult.retry("vMix answered HTTP " + reply.status(), reply.retryAfter());
        }
        return SendResult.rejected("vMix answered HTTP " + reply.status() + " to " + function
                + (reply.status() == 401 ? " (check the target's username and password)" : ""));
    }

    @Override
    public void close() {
        client.close();
    }
}
