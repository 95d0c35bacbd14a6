package com.zoomoverlay.bridge.wiring;

import com.zoomoverlay.bridge.config.BridgeSettings;
import org.apache.camel.CamelContext;

/**
 * One concern of the bridge (store, HTTP, OAuth, ...): binds its beans and services into the
 * Camel context and adds its routes. {@link Application} lists the modules in start order.
 */
public interface BridgeModule {

    void install(CamelContext camel, BridgeSettings settings) throws Exception;
}
