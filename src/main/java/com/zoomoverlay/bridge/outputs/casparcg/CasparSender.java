package com.zoomoverlay.bridge.outputs.casparcg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.zoomoverlay.bridge.delivery.targets.OutgoingDelivery;
import com.zoomoverlay.bridge.delivery.targets.SendResult;
import com.zoomoverlay.bridge.delivery.targets.Sender;
import com.zoomoverlay.bridge.outputs.common.HttpTargetClient;
import com.zoomoverlay.bridge.outputs.common.Instructions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * Sends {@link CasparInstruction}s over one AMCP connection, one command at a time, and judges each by its
 * reply code: 2xx delivered; 4xx (unknown command, missing parameter, template not found, no template on
 * that layer) rejected; 5xx (internal error, queue overflow) retried. No reply in time, a refused or dropped
 * connection is retried too; the next send connects again. Everything runs on one Vert.x context, so the
 * connection and its one pending command need no locks.
 */
final class CasparSender implements Sender {

    private record Pending(String command, CompletableFuture<SendResult> result) {
    }

    private final CasparKind.Settings settings;
    private final Vertx vertx;
    private final Context context;
    private final NetClient client;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final ReplyReader reader = new ReplyReader();
    private NetSocket socket;
    private Pending inFlight;
    private long timer = -1;

    CasparSender(CasparKind.Settings settings, Vertx vertx) {
        this.settings = settings;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) settings.timeouts().connect().toMillis())
                .setTcpNoDelay(true));
    }

    @Override
    public CompletionStage<SendResult> send(OutgoingDelivery delivery) {
        String command;
        try {
            command = Instructions.read(delivery.body(), CasparInstruction.class).command();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.rejected(e.getMessage()));
        }
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            queue.add(new Pending(command, result));
            pump();
        });
        return result;
    }

    private void pump() {
        if (inFlight != null || queue.isEmpty()) {
            return;
        }
        inFlight = queue.poll();
        if (socket != null) {
            write();
            return;
        }
        client.connect(settings.port(), settings.host()).onComplete(connected -> {
            if (connected.failed()) {
                finish(SendResult.retry(HttpTargetClient.describe(connected.cause())));
                return;
            }
            NetSocket s = connected.result();
            socket = s;
            s.handler(RecordParser.newDelimited("\r\n", this::onLine));
            s.closeHandler(v -> onClosed(s));
            write();
        });
    }

    private void write() {
        reader.reset();
        socket.write(Buffer.buffer(inFlight.command() + "\r\n", StandardCharsets.UTF_8.name()));
        timer = vertx.setTimer(settings.timeouts().response().toMillis(), t -> {
            timer = -1;
            // A late reply would be read as the next command's: start over on a new connection.
            dropConnection();
            finish(SendResult.retry("no AMCP reply in time"));
        });
    }

    private void onLine(Buffer line) {
        if (inFlight == null) {
            return;
        }
        reader.accept(line.toString(StandardCharsets.UTF_8)).ifPresent(reply -> finish(judge(reply)));
    }

    private void onClosed(NetSocket closed) {
        if (closed != socket) {
            return;
        }
        socket = null;
        if (inFlight != null) {
            finish(SendResult.retry("CasparCG closed the AMCP connection"));
        }
    }

    private void finish(SendResult result) {
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        Pending done = inFlight;
        inFlight = null;
        if (done != null) {
            done.result().complete(result);
        }
        pump();
    }

    static SendResult judge(Amcp.Reply reply) {
        if (reply.code() >= 200 && reply.code() < 300) {
            return SendResult.delivered();
        }
        if (reply.code() >= 500 && reply.code() < 600) {
            return SendResult.retry("CasparCG answered " + reply.line());
        }
        return SendResult.rejected("CasparCG refused the command: " + reply.line());
    }

    private void dropConnection() {
        NetSocket s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        context.runOnContext(v -> {
            dropConnection();
            queue.forEach(p -> p.result().complete(SendResult.retry("sender closed")));
            queue.clear();
            client.close();
        });
    }

    /** Collects one reply: its status line, then the data lines a 200 or 201 brings; skips anything else. */
    static final class ReplyReader {
        private Amcp.Reply status;
        private int skip;

        void reset() {
            status = null;
            skip = 0;
        }

        Optional<Amcp.Reply> accept(String line) {
            if (skip > 0) {
                skip--;
                return Optional.empty();
            }
            if (status != null) {
                if (status.multiLine() && !line.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(status);
            }
            Optional<Amcp.Reply> reply = Amcp.parse(line);
            if (reply.isEmpty()) {
                return Optional.empty();
            }
            if (reply.get().information()) {
                skip = reply.get().dataLines();
                return Optional.empty();
            }
            if (reply.get().multiLine() || reply.get().dataLines() > 0) {
                status = reply.get();
                return Optional.empty();
            }
            return reply;
        }
    }
}
