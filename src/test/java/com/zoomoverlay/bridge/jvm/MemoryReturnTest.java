package com.zoomoverlay.bridge.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

/** Runs in a child JVM each time, so the options it sets never leak into the test JVM or depend on its flags. */
class MemoryReturnTest {

    /** The child: applies the policy and prints what it set and the options' values afterwards. */
    public static void main(String[] args) {
        List<String> set = MemoryReturn.apply();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        StringBuilder out = new StringBuilder("set=" + set);
        for (String name : MemoryReturn.DEFAULTS.keySet()) {
            out.append(' ').append(name).append('=').append(vm.getVMOption(name).getValue());
        }
        System.out.println(out);
    }

    private static String child(String... jvmFlags) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemoryReturnTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void with_no_flags_the_heap_is_set_to_shrink_and_an_idle_jvm_to_return_memory() throws Exception {
        assertThat(child("-XX:+UseG1GC")).endsWith("MinHeapFreeRatio=10 MaxHeapFreeRatio=30 G1PeriodicGCInterval=30000")
                .contains("set=[MinHeapFreeRatio=10, MaxHeapFreeRatio=30, G1PeriodicGCInterval=30000, trim-after-burst]");
    }

    @Test
    void an_option_given_on_the_command_line_is_left_alone() throws Exception {
        // a ratio of the operator's own also means they size the heap: no trim either
        assertThat(child("-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=50")).contains("set=[MinHeapFreeRatio=10, G1PeriodicGCInterval=30000]")
                .contains("MaxHeapFreeRatio=50");
    }

    @Test
    void a_heap_sized_by_the_operator_is_not_trimmed() throws Exception {
        assertThat(child("-XX:+UseG1GC", "-Xmx256m"))
                .contains("set=[MinHeapFreeRatio=10, MaxHeapFreeRatio=30, G1PeriodicGCInterval=30000]");
        assertThat(child("-XX:+UseG1GC", "-XX:MaxRAMPercentage=50")).doesNotContain(MemoryReturn.TRIM);
        assertThat(child("-XX:+UseG1GC", "-XX:+DisableExplicitGC")).doesNotContain(MemoryReturn.TRIM);
    }

    @Test
    void another_collector_is_not_touched() throws Exception {
        assertThat(child("-XX:+UseSerialGC")).startsWith("set=[]").contains("MaxHeapFreeRatio=70");
    }
}
