package com.zoomoverlay.bridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

/**
 * Carries each Event WebSocket connection over a TCP hop of the simulator's own, so that {@link Hop#drop} can end it
 * the way a pulled cable does: the client's TCP connection closed and no close frame sent. Vert.x has no public way
 * to do that to a WebSocket it serves ({@code HttpConnection.close()} starts the close handshake), but it can hand
 * out an upgrade request's raw connection ({@code HttpServerRequest.toNetSocket}). So the WebSocket is served by an
 * inner server on a loopback port, the upgrade request that came in on the public path is sent to it, its
 * {@code 101} headers become the public {@code 101}, and from then on bytes are pumped both ways. The URL a client
 * uses does not change, whether the simulator is mounted on the bridge's port or listens on one of its own.
 */
final class UpgradeRelay {

    private static final Buffer END_OF_HEAD = Buffer.buffer("\r\n\r\n");

    private final Vertx vertx;
    private final Handler<HttpServerRequest> inner;
    private final NetClient client;
    /** Open hops by the local port of their inner connection, which is the remote port the inner server sees. */
    private final Map<Integer, Hop> hops = new ConcurrentHashMap<>();
    private Future<HttpServer> server;

    UpgradeRelay(Vertx vertx, Handler<HttpServerRequest> inner) {
        this.vertx = vertx;
        this.inner = inner;
        this.client = vertx.createNetClient();
    }

    /** The hop an upgrade request on the inner server came through; empty if it did not come through this relay. */
    Optional<Hop> hopOf(HttpServerRequest innerRequest) {
        return Optional.ofNullable(hops.get(innerRequest.remoteAddress().port()));
    }

    /** Sends a WebSocket upgrade request on to the inner server, and the client's connection with it. */
    void relay(HttpServerRequest request) {
        Context context = vertx.getOrCreateContext();
        innerServer().compose(s -> client.connect(s.actualPort(), "127.0.0.1")).onComplete(connected -> {
            if (connected.failed()) {
                request.response().setStatusCode(502).end();
                return;
            }
            NetSocket up = connected.result();
            Hop hop = new Hop(context, request, up);
            int port = up.localAddress().port();
            hops.put(port, hop);
            up.closeHandler(v -> {
                hops.remove(port, hop);
                hop.upClosed();
            });
            up.handler(hop::head);
            up.write(requestHead(request));
        });
    }

    private synchronized Future<HttpServer> innerServer() {
        if (server == null || server.failed()) {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(inner).listen();
        }
        return server;
    }

    private static Buffer requestHead(HttpServerRequest request) {
        StringBuilder head = new StringBuilder(request.method().name()).append(' ').append(request.uri())
                .append(" HTTP/1.1\r\n");
        request.headers().forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue())
                .append("\r\n"));
        return Buffer.buffer(head.append("\r\n").toString(), StandardCharsets.ISO_8859_1.name());
    }

    /** One relayed connection: the client's side ({@code down}, once upgraded) and the inner server's ({@code up}). */
    static final class Hop {
        private final Context context;
        private final HttpServerRequest request;
        private final NetSocket up;
        private Buffer head = Buffer.buffer();
        private boolean headDone;
        private NetSocket down;
        private boolean dropped;

        private Hop(Context context, HttpServerRequest request, NetSocket up) {
            this.context = context;
            this.request = request;
            this.up = up;
        }

        /**
         * Closes both TCP connections, no close frame (a cable pulled). On the hop's event loop, after what it
         * has already read is passed on: a drop right after {@code build_connection} still delivers it.
         */
        void drop() {
            context.runOnContext(v -> {
                dropped = true;
                if (down != null) {
                    down.close();
                    up.close();
                } else if (!headDone) {
                    up.close();
                }
                // else: the upgrade is under way; it closes both once the 101 and what came with it are out
            });
        }

        /** Reads the inner server's answer to the upgrade until its head is whole, then answers the client alike. */
        private void head(Buffer data) {
            head.appendBuffer(data);
            int end = indexOf(head, END_OF_HEAD);
            if (end < 0) {
                return;
            }
            headDone = true;
            up.pause();
            up.handler(null);
            Buffer rest = head.getBuffer(end + END_OF_HEAD.length(), head.length());
            String[] lines = head.getString(0, end, StandardCharsets.ISO_8859_1.name()).split("\r\n");
            head = null;
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !"101".equals(status[1])) {
                request.response().setStatusCode(status.length < 2 ? 502 : Integer.parseInt(status[1])).end();
                up.close();
                return;
            }
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    request.response().headers().add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
                }
            }
            request.toNetSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    up.close();
                    return;
                }
                down = upgraded.result();
                if (rest.length() > 0) {
                    down.write(rest);
                }
                if (dropped) {
                    down.close();
                    up.close();
                    return;
                }
                up.pipeTo(down);
                down.pipeTo(up);
            });
        }

        /** The inner connection is gone: with no upgrade yet, the client's request gets an answer. */
        private void upClosed() {
            if (!headDone) {
                request.response().setStatusCode(502).end();
            }
        }

        private static int indexOf(Buffer buffer, Buffer part) {
            outer:
            for (int i = 0; i + part.length() <= buffer.length(); i++) {
                for (int j = 0; j < part.length(); j++) {
                    if (buffer.getByte(i + j) != part.getByte(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
