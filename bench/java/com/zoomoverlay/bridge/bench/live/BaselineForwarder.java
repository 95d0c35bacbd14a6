package com.zoomoverlay.bridge.bench.live;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Base64;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * The baseline of the live benchmark: the same forwarding job as the bridge, as small as it can be.
 * Account-credentials token, Event WebSocket client with heartbeats, each event unwrapped and POSTed
 * to one receiver with one request in flight (so in order), a keep-alive connection, and a queue in
 * memory only (a crash loses it; nothing is signed, stored, deduplicated or routed). A failed POST is
 * retried every 250 ms. Arguments: fake Zoom port, receiver URL. Prints {@code READY} once connected.
 */
public final class BaselineForwarder {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http;
    private final URI receiver;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean inFlight;

    private BaselineForwarder(URI receiver) {
        this.receiver = receiver;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(1));
    }

    public static void main(String[] args) {
        new BaselineForwarder(URI.create(args[1])).start(Integer.parseInt(args[0]));
    }

    private void start(int zoomPort) {
        String basic = Base64.getEncoder().encodeToString(
                (BenchZoom.CLIENT_ID + ":" + BenchZoom.CLIENT_SECRET).getBytes());
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(zoomPort)
                        .setURI("/oauth/token").putHeader("Authorization", "Basic " + basic)
                        .putHeader("Content-Type", "application/x-www-form-urlencoded"))
                .compose(req -> req.send("grant_type=account_credentials&account_id=" + BenchZoom.ACCOUNT_ID))
                .compose(resp -> resp.body())
                .map(body -> new JsonObject(body).getString("access_token"))
                .compose(token -> vertx.createHttpClient().webSocket(new WebSocketConnectOptions()
                        .setHost("127.0.0.1").setPort(zoomPort)
                        .setURI("/ws?subscriptionId=baseline&access_token=" + token)))
                .onSuccess(this::connected)
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    private void connected(WebSocket ws) {
        ws.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            if ("message".equals(frame.getString("module"))) {
                queue.add(frame.getString("content"));
                pump();
            } else if ("build_connection".equals(frame.getString("module"))) {
                System.out.println("READY");
                System.out.flush();
            }
        });
        vertx.setPeriodic(20_000, id -> ws.writeTextMessage("{\"module\":\"heartbeat\"}"));
    }

    private void pump() {
        if (inFlight || queue.isEmpty()) {
            return;
        }
        inFlight = true;
        String body = queue.peek();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(receiver.getHost())
                        .setPort(receiver.getPort()).setURI(receiver.getPath())
                        .putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .onComplete(ar -> {
                    inFlight = false;
                    if (ar.succeeded() && ar.result() / 100 == 2) {
                        queue.poll();
                        pump();
                    } else {
                        vertx.setTimer(250, id -> pump());
                    }
                });
    }
}
