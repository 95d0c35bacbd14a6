package com.zoomoverlay.bridge.cluster;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;

/**
 * Which replica does the work that must happen once (the Zoom WebSocket, the token refresh timer,
 * the outbox dispatchers). Standalone, this instance always leads; clustered, Camel's cluster service
 * elects one and {@link #leaderOnly} wraps a consumer URI in {@code master:} so only the leader consumes.
 */
public final class Leadership {

    public static final String BEAN_NAME = "bridgeLeadership";

    private final Optional<CamelClusterService> service;
    private final String mode;

    Leadership(Optional<CamelClusterService> service, String mode) {
        this.service = service;
        this.mode = mode;
    }

    public static Leadership of(CamelContext camel) {
        Leadership leadership = camel.getRegistry().lookupByNameAndType(BEAN_NAME, Leadership.class);
        if (leadership == null) {
            throw new IllegalStateException("ClusterModule must be installed before modules that need leadership");
        }
        return leadership;
    }

    /** The consumer URI to use for work only the leader does; {@code group} names the election. */
    public String leaderOnly(String group, String consumerUri) {
        return service.isPresent() ? "master:" + group + ":" + consumerUri : consumerUri;
    }

    /** True when this replica leads {@code group} (always, when not clustered). */
    public boolean isLeader(String group) {
        return service.map(s -> s.isLeader(group)).orElse(true);
    }

    /** {@code standalone}, {@code file-lock} or {@code kubernetes-lease}: safe to show on status pages. */
    public String mode() {
        return mode;
    }

    public boolean clustered() {
        return service.isPresent();
    }
}
