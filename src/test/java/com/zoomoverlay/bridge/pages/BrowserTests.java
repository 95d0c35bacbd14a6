package com.zoomoverlay.bridge.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node browser tests under {@code e2e/} ({@code node --test}, playwright-core driving
 * Debian's chromium). Refuses to run, with the command that fixes it, when chromium, node or
 * {@code e2e/node_modules} are missing: a missing browser must fail the build, never skip it.
 */
final class BrowserTests {

    /** A bound for a hung browser, far above a normal run; not a speed requirement. */
    private static final long HANG_LIMIT_MINUTES = 5;

    static final Path E2E_DIR = Path.of("e2e").toAbsolutePath();
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    /** The outcome of one test file: exit code and everything it printed. */
    record Run(int exitCode, String output) {
    }

    private BrowserTests() {
    }

    static String chromium() {
        String configured = System.getenv("CHROMIUM");
        return configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured;
    }

    /** Empty when everything the browser tests need is installed, else what is missing and how to get it. */
    static List<String> missingPrerequisites() {
        java.util.ArrayList<String> missing = new java.util.ArrayList<>();
        if (!Files.isExecutable(Path.of(chromium()))) {
            missing.add("chromium is not installed at " + chromium()
                    + ": apt-get install -y chromium chromium-driver (or run .ci/run)");
        }
        if (!nodeRuns()) {
            missing.add("node (20 or newer) is not on the PATH: apt-get install -y nodejs npm (or run .ci/run)");
        }
        if (!Files.isRegularFile(E2E_DIR.resolve("node_modules/playwright-core/package.json"))) {
            missing.add("e2e/node_modules is missing: (cd e2e && npm ci) (or run .ci/run)");
        }
        return missing;
    }

    private static boolean nodeRuns() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            return node.waitFor(1, TimeUnit.MINUTES) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code e2e/tests/<file>} against the bridge at {@code baseUrl}. */
    static Run run(String file, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-reporter=spec", "tests/" + file)
                .directory(E2E_DIR.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("CHROMIUM", chromium());
        builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
        Process process = builder.start();
        // Read while it runs, so a chatty test never blocks on a full pipe.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(HANG_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Run(-1, new String(output, StandardCharsets.UTF_8) + "\n(node did not exit: killed)");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
