package com.zoomoverlay.bridge.delivery.targets;

import java.util.Optional;
import java.util.Set;

import com.zoomoverlay.bridge.config.InvalidSettingException;
import org.apache.camel.CamelContext;

/**
 * The delivery targets that are configured, by name and kind, for checks made before the first event:
 * a route or Kamelet naming a target that does not exist, or one of another kind, is refused when it
 * is loaded (at start or on reload), not when the first event is on air. Bound under {@link #BEAN_NAME}.
 */
public interface TargetDirectory {

    String BEAN_NAME = "targetDirectory";

    /** The kind of the target named {@code name} ({@code webhook}, {@code vmix}, ...), empty when there is none. */
    Optional<String> kindOf(String name);

    /** Every configured target's name. */
    Set<String> names();

    /**
     * Refuses a target that is not configured, or is of another kind, with one line that says what to
     * configure. {@code usedBy} names who asked (a Kamelet, a route), for that line.
     */
    default void requireKind(String name, String kind, String usedBy) {
        Optional<String> actual = kindOf(name);
        if (actual.isEmpty()) {
            throw new InvalidSettingException(TargetConfig.PREFIX + name + ".url",
                    "is not set, but " + usedBy + " sends to target '" + name + "' (configure a target of kind " + kind + ")");
        }
        if (!actual.get().equals(kind)) {
            throw new InvalidSettingException(TargetConfig.PREFIX + name + ".kind",
                    "is " + actual.get() + ", but " + usedBy + " needs a target of kind " + kind);
        }
    }

    static TargetDirectory of(CamelContext camel) {
        TargetDirectory targets = camel.getRegistry().lookupByNameAndType(BEAN_NAME, TargetDirectory.class);
        if (targets == null) {
            throw new IllegalStateException("no " + BEAN_NAME + " bound: the outputs module is not installed");
        }
        return targets;
    }
}
