package com.zoomoverlay.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real main class in a child JVM, as an operator would, with a broken environment. */
class StartupErrorTest {

    @TempDir
    Path workDir;

    @Test
    void missing_variable_stops_startup_with_one_clear_line() throws Exception {
        Result r = run("ADMIN_TOKEN", "admin-token-0123456789", "TOKEN_ENCRYPTION_KEY", "secret-looking-value");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stderr.strip()).isEqualTo("configuration error: PROD_CLIENT_ID is required (or run with --simulate)");
        assertThat(r.stdout + r.stderr).doesNotContain("Exception", "\tat ", "admin-token-0123456789");
    }

    @Test
    void malformed_secret_is_named_but_not_echoed() throws Exception {
        Result r = run("PROD_CLIENT_ID", "id", "PROD_CLIENT_SECRET", "s", "ADMIN_TOKEN", "admin-token-0123456789",
                "PROD_WEBSOCKET_URL", "wss://ws.zoom.us/ws?subscriptionId=x",
                "TOKEN_ENCRYPTION_KEY", "c2VjcmV0LWxvb2tpbmctdmFsdWU=");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stderr.strip()).isEqualTo("configuration error: TOKEN_ENCRYPTION_KEY must decode to 32 bytes, got 20");
        assertThat(r.stdout + r.stderr).doesNotContain("c2VjcmV0LWxvb2tpbmctdmFsdWU=", "\tat ");
    }

    @Test
    void a_route_sending_to_an_endpoint_nobody_consumes_stops_startup_naming_the_file_and_the_endpoint() throws Exception {
        Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(workDir.resolve("routes/zoom-events.camel.yaml"), """
                - route:
                    id: zoom-events-route
                    from:
                      uri: direct:zoom-events
                      steps:
                        - to: direct:deliver-webhok
                """);
        // without the downstream demo, which would run routes/examples instead of this routes/
        Result r = run("SIMULATE", "true", "SIMULATOR_DEMO", "false");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stderr.strip()).isEqualTo("configuration error: file:routes/zoom-events.camel.yaml sends to "
                + "direct:deliver-webhok, which no route consumes (did you mean direct:deliver-webhook?); fix it and start again");
        assertThat(r.stdout + r.stderr).doesNotContain("\tat ");
    }

    @Test
    void a_malformed_tuning_property_stops_startup_with_one_line_not_a_number_format_exception() throws Exception {
        Result r = runWith(List.of("-Dbridge.simulator.event-interval-ms=fast"), "SIMULATE", "true", "SIMULATOR_DEMO", "false");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stderr.strip()).isEqualTo("configuration error: bridge.simulator.event-interval-ms must be a whole number, got 'fast'");
        assertThat(r.stdout + r.stderr).doesNotContain("NumberFormatException", "\tat ");
    }

    private Result run(String... env) throws Exception {
        return runWith(List.of(), env);
    }

    private Result runWith(List<String> jvmArgs, String... env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmArgs);
        command.add(Application.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().put("DATA_DIR", workDir.resolve("data").toString());
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        File out = workDir.resolve("out.txt").toFile();
        File err = workDir.resolve("err.txt").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM exits").isTrue();
        return new Result(p.exitValue(),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
