package com.zoomoverlay.bridge.wiring;

import java.time.Clock;

import org.apache.camel.CamelContext;

/**
 * The one clock every module tells time by, bound in the Camel registry by the application (tests bind a
 * clock they move). Looked up here, in the package modules already depend on, so that no module needs the
 * application class that installs it.
 */
public final class BridgeClock {

    public static final String BEAN_NAME = "clock";

    private BridgeClock() {
    }

    public static Clock of(CamelContext camel) {
        Clock clock = camel.getRegistry().lookupByNameAndType(BEAN_NAME, Clock.class);
        if (clock == null) {
            throw new IllegalStateException("no clock in the registry: modules are installed by Application");
        }
        return clock;
    }
}
