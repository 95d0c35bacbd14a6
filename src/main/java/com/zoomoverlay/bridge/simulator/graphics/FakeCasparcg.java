package com.zoomoverlay.bridge.simulator.graphics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * A fake CasparCG Server's AMCP port: {@code CG <channel>-<layer> ADD|UPDATE|PLAY|STOP|NEXT|REMOVE|CLEAR}
 * on HTML templates it knows, keeping what each CG layer shows (template, data, playing). It replies as
 * CasparCG 2.3 does: {@code 202 CG OK}; {@code 404 CG ADD FAILED} for an unknown template; {@code 403 CG
 * UPDATE FAILED} when no template runs on that layer; {@code 402 CG ERROR} for a missing parameter;
 * {@code 401 CG ERROR} for a channel it does not have; {@code 400 ERROR} and the line for anything else.
 */
public final class FakeCasparcg {

    /** What one CG layer shows. */
    public record Layer(String template, JsonObject data, boolean playing) {
    }

    private final Vertx vertx;
    private final Set<String> templates;
    private final int channels;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<NetSocket> connections = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private NetServer server;

    public FakeCasparcg(Vertx vertx, Set<String> templates, int channels) {
        this.vertx = vertx;
        this.templates = templates.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.channels = channels;
    }

    /** Listens on {@code port} (0 = a free one) on loopback; completes with the port. */
    public Future<Integer> listen(int port) {
        return vertx.createNetServer().connectHandler(this::connected).listen(port, "127.0.0.1").map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public Faults faults() {
        return faults;
    }

    /** Drops every open AMCP connection, as a restarting server would. */
    public void dropConnections() {
        connections.forEach(NetSocket::close);
    }

    public synchronized Layer layer(int channel, int layer, int cgLayer) {
        return layers.get(key(channel, layer, cgLayer));
    }

    /** Every command line received, in order. */
    public List<String> commands() {
        return new ArrayList<>(commands);
    }

    public synchronized Map<String, Object> state() {
        Map<String, Object> shown = new LinkedHashMap<>();
        layers.forEach((k, l) -> shown.put(k, Map.of("template", l.template(), "playing", l.playing(),
                "data", l.data() == null ? Map.of() : l.data().getMap())));
        return Map.of("layers", shown, "commands", commands.size());
    }

    private void connected(NetSocket socket) {
        if (faults.isDown()) {
            socket.close();
            return;
        }
        connections.add(socket);
        socket.closeHandler(v -> connections.remove(socket));
        socket.handler(RecordParser.newDelimited("\r\n", line -> {
            String text = line.toString(StandardCharsets.UTF_8);
            if (faults.isDown()) {
                socket.close();
                return;
            }
            socket.write(reply(text), StandardCharsets.UTF_8.name());
        }));
    }

    private String reply(String line) {
        commands.add(line);
        List<String> tokens = tokenize(line);
        if (tokens.isEmpty()) {
            return "400 ERROR\r\n" + line + "\r\n";
        }
        String command = tokens.get(0).toUpperCase(Locale.ROOT);
        if ("VERSION".equals(command)) {
            return "201 VERSION OK\r\n2.3.3 LTS\r\n";
        }
        if (!"CG".equals(command)) {
            return "400 ERROR\r\n" + line + "\r\n";
        }
        int failure = faults.takeFailure();
        if (failure != 0) {
            return failure + " CG FAILED\r\n";
        }
        if (tokens.size() < 3) {
            return "402 CG ERROR\r\n";
        }
        String[] spec = tokens.get(1).split("-");
        int channel;
        int layer;
        try {
            channel = Integer.parseInt(spec[0]);
            layer = spec.length > 1 ? Integer.parseInt(spec[1]) : 9999;
        } catch (NumberFormatException e) {
            return "400 ERROR\r\n" + line + "\r\n";
        }
        if (channel < 1 || channel > channels) {
            return "401 CG ERROR\r\n";
        }
        return cg(channel, layer, tokens.get(2).toUpperCase(Locale.ROOT), tokens.subList(3, tokens.size()));
    }

    private synchronized String cg(int channel, int layer, String action, List<String> args) {
        if ("CLEAR".equals(action)) {
            layers.keySet().removeIf(k -> k.startsWith(channel + "-" + layer + "/"));
            return "202 CG OK\r\n";
        }
        int minimum = "ADD".equals(action) ? 3 : "UPDATE".equals(action) ? 2 : 1;
        if (args.size() < minimum) {
            return "402 CG ERROR\r\n";
        }
        int cgLayer;
        try {
            cgLayer = Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            return "403 CG " + action + " FAILED\r\n";
        }
        String key = key(channel, layer, cgLayer);
        Layer current = layers.get(key);
        switch (action) {
            case "ADD" -> {
                if (!templates.contains(args.get(1).toLowerCase(Locale.ROOT))) {
                    return "404 CG ADD FAILED\r\n";
                }
                layers.put(key, new Layer(args.get(1), args.size() > 3 ? json(args.get(3)) : null, args.get(2).startsWith("1")));
            }
            case "UPDATE", "PLAY", "STOP", "NEXT", "REMOVE" -> {
                if (current == null) {
                    return "403 CG " + action + " FAILED\r\n";
                }
                if ("UPDATE".equals(action)) {
                    layers.put(key, new Layer(current.template(), json(args.get(1)), current.playing()));
                } else if ("REMOVE".equals(action)) {
                    layers.remove(key);
                } else if (!"NEXT".equals(action)) {
                    layers.put(key, new Layer(current.template(), current.data(), "PLAY".equals(action)));
                }
            }
            default -> {
                return "400 ERROR\r\nCG " + action + "\r\n";
            }
        }
        return "202 CG OK\r\n";
    }

    private static JsonObject json(String data) {
        try {
            return new JsonObject(data);
        } catch (RuntimeException e) {
            return new JsonObject().put("xml", data); // XML template data is kept as text
        }
    }

    private static String key(int channel, int layer, int cgLayer) {
        return channel + "-" + layer + "/" + cgLayer;
    }

    /** AMCP's tokenizer: spaces split, quotes group, backslash escapes \" \\ and \n. */
    static List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean escape = false;
        for (char c : line.toCharArray()) {
            if (escape) {
                current.append(c == 'n' ? '\n' : c);
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == '"') {
                if (quoted || current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
