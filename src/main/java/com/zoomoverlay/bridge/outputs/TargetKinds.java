package com.zoomoverlay.bridge.outputs;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.zoomoverlay.bridge.delivery.targets.TargetConfigs;
import com.zoomoverlay.bridge.outputs.casparcg.CasparKind;
import com.zoomoverlay.bridge.outputs.common.GraphicsKind;
import com.zoomoverlay.bridge.outputs.h2r.H2rKind;
import com.zoomoverlay.bridge.outputs.singular.SingularKind;
import com.zoomoverlay.bridge.outputs.vmix.VmixKind;

/**
 * The graphics target kinds, a fixed list (no ServiceLoader: the set is part of the product, and a fixed
 * list survives shading). The delivery engine adds its own {@code webhook} kind.
 */
public final class TargetKinds {

    private static final List<GraphicsKind<?>> ALL = List.of(new VmixKind(), new H2rKind(), new SingularKind(), new CasparKind());

    private TargetKinds() {
    }

    public static List<GraphicsKind<?>> all() {
        return ALL;
    }

    public static Optional<GraphicsKind<?>> find(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** Every kind name a target may have, {@code webhook} included. */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>();
        names.add(TargetConfigs.WEBHOOK);
        ALL.forEach(k -> names.add(k.name()));
        return names;
    }
}
