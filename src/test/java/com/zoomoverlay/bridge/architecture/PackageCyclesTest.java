package com.zoomoverlay.bridge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * No package of the bridge imports one that imports it back, directly or through others: the JDK's
 * {@code jdeps} reads the compiled classes (what the code really depends on, not what a comment
 * mentions) and the test looks for cycles in the package graph. The application class may depend on
 * every module; nothing depends on it.
 */
class PackageCyclesTest {

    private static final String ROOT = "com.zoomoverlay.bridge";
    private static final Pattern EDGE = Pattern.compile("^\\s+(com\\.zoomoverlay\\.bridge[\\w.]*)\\s+->\\s+(com\\.zoomoverlay\\.bridge[\\w.]*)\\s");

    @Test
    void no_package_depends_on_one_that_depends_back_on_it() {
        Map<String, Set<String>> graph = packageGraph();
        assertThat(graph).as("jdeps found the bridge's packages").containsKey(ROOT + ".delivery");
        List<List<String>> cycles = cycles(graph);
        assertThat(cycles).as("package cycles (each list is one strongly connected group)").isEmpty();
        assertThat(graph.entrySet()).as("packages that depend on the application class")
                .filteredOn(e -> !e.getKey().equals(ROOT) && e.getValue().contains(ROOT)).isEmpty();
    }

    private static Map<String, Set<String>> packageGraph() {
        Path classes = Path.of("target", "classes");
        assertThat(Files.isDirectory(classes)).as("compiled classes at " + classes).isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps not in this JDK"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                "-e", "com\\.zoomoverlay\\..*", classes.toString());
        assertThat(rc).as("jdeps: " + out).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components with more than one package. */
    private static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> group = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                found.add(group);
            }
        }
    }
}
