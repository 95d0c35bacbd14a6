package com.zoomoverlay.bridge.jvm;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Lets the JVM give back heap the bridge no longer uses. Without flags, G1 sizes the heap from the host's
 * memory, grows it under a burst and keeps what it grew to: the bridge's live set after a full GC is
 * ~40 MiB, its RSS after a busy hour was 0.7-0.9 GiB. These three G1 options are "manageable" (settable
 * while the JVM runs, documented in the {@code java} man page), so the jar sets them at start for
 * {@code java -jar} with no flags: the heap shrinks after a collection to at most 30 % free, and an idle
 * bridge runs a concurrent cycle every 30 s that returns what is free. An option given on the command line
 * (or by {@code JAVA_TOOL_OPTIONS}) is left as it is: an operator's sizing always wins.
 *
 * <p>The ratios alone do not bound what a burst leaves behind: G1 applies them only at a full GC or a
 * remark, which a busy bridge does not run, and returns the pages from a background task. So when nobody
 * sized the heap, {@link HeapTrim} also runs one full collection once a burst is over.
 */
public final class MemoryReturn {

    /** Order matters: MinHeapFreeRatio must never exceed MaxHeapFreeRatio while they are set one by one. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("MinHeapFreeRatio", "10");
        DEFAULTS.put("MaxHeapFreeRatio", "30");
        DEFAULTS.put("G1PeriodicGCInterval", "30000");
    }

    /** Any of these given by the operator means they size the heap themselves: no {@link HeapTrim} then. */
    static final List<String> SIZING = List.of("MaxHeapSize", "InitialHeapSize", "MinHeapSize", "SoftMaxHeapSize",
            "MaxRAM", "MaxRAMPercentage", "MaxRAMFraction", "MinRAMPercentage", "InitialRAMPercentage",
            "MinHeapFreeRatio", "MaxHeapFreeRatio");

    /** What {@link #apply()} lists when it started {@link HeapTrim}. */
    static final String TRIM = "trim-after-burst";

    private MemoryReturn() {
    }

    /**
     * Sets what is still at the JVM's default and starts {@link HeapTrim} unless the operator sized the heap;
     * returns {@code name=value} of what it set, plus {@value #TRIM} (empty off HotSpot G1).
     */
    public static List<String> apply() {
        List<String> set = new ArrayList<>();
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return set;
        }
        if (vm == null || !"true".equals(value(vm, "UseG1GC"))) {
            return set; // another collector: its own policy, not ours to adjust
        }
        boolean operatorSized = SIZING.stream().anyMatch(name -> setByOperator(vm, name));
        for (Map.Entry<String, String> option : DEFAULTS.entrySet()) {
            try {
                VMOption current = vm.getVMOption(option.getKey());
                if (current.getOrigin() == VMOption.Origin.DEFAULT && current.isWriteable()) {
                    vm.setVMOption(option.getKey(), option.getValue());
                    set.add(option.getKey() + "=" + option.getValue());
                }
            } catch (RuntimeException e) {
                // not on this JVM (or refused): keep the JVM's own value
            }
        }
        // DisableExplicitGC would make the trim's collection a no-op
        if (!operatorSized && !"true".equals(value(vm, "DisableExplicitGC")) && HeapTrim.start() != null) {
            set.add(TRIM);
        }
        return set;
    }

    private static boolean setByOperator(HotSpotDiagnosticMXBean vm, String name) {
        try {
            VMOption.Origin origin = vm.getVMOption(name).getOrigin();
            return origin != VMOption.Origin.DEFAULT && origin != VMOption.Origin.ERGONOMIC;
        } catch (RuntimeException e) {
            return false; // not on this JVM
        }
    }

    private static String value(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
