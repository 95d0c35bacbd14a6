package com.zoomoverlay.bridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.config.SettingsLoader;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real bridge, started in-process exactly as the jar starts it, on a free port ({@link FreePorts}) with a
 * fresh data directory. Environment variables are given by their contract names.
 */
public final class TestBridge implements AutoCloseable {

    private final Main main;
    private final int port;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestBridge(Main main, int port, Path dataDir) {
        this.main = main;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** A simulating bridge with default settings. */
    public static TestBridge simulating() {
        return start(Map.of("SIMULATE", "true"));
    }

    /**
     * Starts a bridge with these environment variables (contract names, e.g. {@code ADMIN_TOKEN}).
     * {@code PORT} and {@code DATA_DIR} default to a free port and a new temporary directory.
     * Keys containing a dot are passed as raw Camel properties.
     */
    public static TestBridge start(Map<String, String> env) {
        return start(env, java.time.Clock.systemUTC());
    }

    /** As {@link #start(Map)}, telling time by {@code clock} (a {@link MutableClock} in most tests). */
    public static TestBridge start(Map<String, String> env, java.time.Clock clock) {
        return start(env, clock, camel -> { });
    }

    /**
     * As {@link #start(Map, java.time.Clock)}; {@code beforeRoutes} runs after the modules are installed and
     * before any route starts (bind test fixtures into the registry there).
     */
    public static TestBridge start(Map<String, String> env, java.time.Clock clock,
                                   java.util.function.Consumer<CamelContext> beforeRoutes) {
        Map<String, String> vars = new HashMap<>(env);
        // Tests see only what they configure: the downstream demo of --simulate is opt-in here.
        vars.putIfAbsent("bridge.simulator.demo", "false");
        // ... and so is the simulator sending its story by webhook as well as over the WebSocket
        vars.putIfAbsent("bridge.simulator.webhooks", "false");
        int port = vars.containsKey("PORT") ? Integer.parseInt(vars.get("PORT")) : freePort();
        vars.put("PORT", String.valueOf(port));
        Path dataDir = Path.of(vars.computeIfAbsent("DATA_DIR", k -> tempDir().toString()));
        Main main = Application.create(new String[0], toProperties(vars), clock);
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void beforeConfigure(org.apache.camel.main.BaseMainSupport support) {
                beforeRoutes.accept(support.getCamelContext());
            }
        });
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("bridge did not start", e);
        }
        return new TestBridge(main, port, dataDir);
    }

    /** Same as {@link #start(Map)} but leaves the exception to the caller (for configuration tests). */
    public static Main startOrThrow(Map<String, String> env) throws Exception {
        Map<String, String> vars = new HashMap<>(env);
        vars.putIfAbsent("bridge.simulator.demo", "false");
        vars.putIfAbsent("bridge.simulator.webhooks", "false");
        vars.putIfAbsent("PORT", String.valueOf(freePort()));
        vars.putIfAbsent("DATA_DIR", tempDir().toString());
        Main main = Application.create(new String[0], toProperties(vars));
        main.start();
        return main;
    }

    public static Map<String, String> toProperties(Map<String, String> vars) {
        Map<String, String> props = new HashMap<>();
        vars.forEach((k, v) -> props.put(k.contains(".") ? k : SettingsLoader.keyOf(k), v));
        return props;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A port for a bridge, here or in a child JVM: {@link FreePorts#claim} (the bridge cannot bind port 0 and
     * report it, and a port-0 socket opened and closed to find one races with everyone else on the machine).
     */
    public static int freePort() {
        return FreePorts.claim();
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("bridge-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
