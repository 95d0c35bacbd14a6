package com.zoomoverlay.bridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.config.InvalidSettingException;
import com.zoomoverlay.bridge.support.TestBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong Kamelet parameter or a wrong graphics target setting stops the real bridge at start with one line
 * naming what to fix, instead of failing at the first event on air.
 */
class KameletLoadChecksTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path dir;

    @Test
    void a_kamelet_naming_a_target_nobody_configured_is_refused() throws Exception {
        assertThat(refusal(route("kamelet:vmix-sink?target=nowhere&input=LowerThird"), Map.of()))
                .isEqualTo("bridge.targets.nowhere.url is not set, but kamelet:vmix-sink in route outputs-test sends to"
                        + " target 'nowhere' (configure a target of kind vmix)");
    }

    @Test
    void a_kamelet_naming_a_target_of_another_kind_is_refused() throws Exception {
        assertThat(refusal(route("kamelet:vmix-sink?target=chat&input=LowerThird"),
                Map.of("bridge.targets.chat.url", "http://127.0.0.1:9/hook", "bridge.targets.chat.secret", SECRET)))
                .isEqualTo("bridge.targets.chat.kind is webhook, but kamelet:vmix-sink in route outputs-test needs a target of kind vmix");
    }

    @Test
    void a_parameter_outside_the_kamelets_schema_is_refused() throws Exception {
        Map<String, String> studio = Map.of("bridge.targets.studio.kind", "vmix", "bridge.targets.studio.url", "http://127.0.0.1:9");
        assertThat(refusal(route("kamelet:vmix-sink?target=studio&input=LowerThird&overlayAction=Sideways"), studio))
                .isEqualTo("kamelet:vmix-sink parameter overlayAction must be one of In, Out, Off, got 'Sideways' (in route outputs-test)");
        assertThat(refusal(route("kamelet:vmix-sink?target=studio&input=LowerThird&overlay=9"), studio))
                .isEqualTo("kamelet:vmix-sink parameter overlay must be between 0 and 4, got 9 (in route outputs-test)");
    }

    @Test
    void a_missing_required_parameter_is_refused() {
        assertThat(refusal(route("kamelet:vmix-sink?target=studio"),
                Map.of("bridge.targets.studio.kind", "vmix", "bridge.targets.studio.url", "http://127.0.0.1:9")))
                .isEqualTo("kamelet:vmix-sink parameter input is required (in route outputs-test)");
    }

    @Test
    void graphics_target_settings_are_checked_at_start() throws Exception {
        assertThat(refusal(route("kamelet:singular-sink?target=wall"), Map.of("bridge.targets.wall.kind", "singular",
                "bridge.targets.wall.url", "http://127.0.0.1:9/datastreams")))
                .isEqualTo("bridge.targets.wall.token is required for a target of kind singular");
        assertThat(refusal(route("kamelet:casparcg-sink?target=playout"), Map.of("bridge.targets.playout.kind", "casparcg",
                "bridge.targets.playout.host", "http://playout-1")))
                .startsWith("bridge.targets.playout.host must be a host name or IP address");
        assertThat(refusal(route("kamelet:vmix-sink?target=studio&input=x"), Map.of("bridge.targets.studio.kind", "vmx",
                "bridge.targets.studio.url", "http://127.0.0.1:9")))
                .isEqualTo("bridge.targets.studio.kind must be one of casparcg, h2r, singular, vmix, webhook");
    }

    @Test
    void the_operator_sees_one_line_and_no_stack_trace() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/zoom-events.camel.yaml"), route("kamelet:h2r-sink?target=graphics&graphic=lt1"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Application.class.getName(), "--simulate").directory(dir.toFile());
        pb.environment().put("SIMULATOR_DEMO", "false"); // else --simulate runs the examples instead of this routes/
        pb.environment().put("DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("PORT", String.valueOf(TestBridge.freePort()));
        File err = dir.resolve("err.txt").toFile();
        Process p = pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the bridge exits").isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err.toPath(), StandardCharsets.UTF_8).strip())
                .isEqualTo("configuration error: bridge.targets.graphics.url is not set, but kamelet:h2r-sink in route"
                        + " outputs-test sends to target 'graphics' (configure a target of kind h2r)");
    }

    private String route(String kamelet) {
        return """
                - route:
                    id: outputs-test
                    from:
                      uri: direct:zoom-events
                      steps:
                        - to: "%s"
                """.formatted(kamelet);
    }

    /** The message of the {@link InvalidSettingException} that stopped start-up. */
    private String refusal(String routeYaml, Map<String, String> env) {
        Exception e = startFails(routeYaml, env);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return invalid.getMessage();
            }
        }
        throw new AssertionError("start-up failed, but not with one clear line: " + causes(e));
    }

    private Exception startFails(String routeYaml, Map<String, String> extra) {
        Path file = dir.resolve("route-" + System.nanoTime() + ".camel.yaml");
        try {
            Files.writeString(file, routeYaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(Map.of("SIMULATE", "true",
                "camel.main.routes-include-pattern", "file:" + file,
                "camel.main.routes-reload-enabled", "false"));
        env.putAll(extra);
        try {
            TestBridge.startOrThrow(env).stop();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the bridge started with " + routeYaml);
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
