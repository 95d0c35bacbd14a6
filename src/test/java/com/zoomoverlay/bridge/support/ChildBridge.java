package com.zoomoverlay.bridge.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.Application;

/**
 * The bridge in a child JVM, started like the jar and stoppable with SIGKILL ({@link #kill}), for tests
 * of what survives a crash. Output goes to target/child-logs/.
 */
public final class ChildBridge implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ChildBridge(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts with these env vars and -D system properties (raw Camel properties), waits for /health. {@code PORT}
     * comes from {@link TestBridge#freePort} ({@link FreePorts}): the child cannot report a port it bound itself,
     * and a claimed port is one no other process on the machine is given, so the /health that answers is the child's.
     */
    public static ChildBridge start(Path workDir, Map<String, String> env, Map<String, String> properties) {
        return start(workDir, env, properties, List.of());
    }

    /** As {@link #start(Path, Map, Map)} with JVM options first (e.g. {@code -Xmx96m} for a bounded heap). */
    public static ChildBridge start(Path workDir, Map<String, String> env, Map<String, String> properties,
                                    List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Application.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        // Kept under target/ (not the test's temp dir) so a failed run can be read afterwards.
        File log = Path.of("target", "child-logs", "child-" + System.nanoTime() + ".log").toFile();
        log.getParentFile().mkdirs();
        try {
            Process process = pb.redirectErrorStream(true).redirectOutput(log).start();
            ChildBridge child = new ChildBridge(process, Integer.parseInt(env.get("PORT")));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> child.get("/health").statusCode() == 200);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as a crash or an OOM kill. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }
    }
}
