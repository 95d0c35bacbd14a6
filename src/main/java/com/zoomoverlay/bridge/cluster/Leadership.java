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

    /**
     * Tells {@code listener} whenever this replica gains ({@code true}) or loses ({@code false}) the lead
     * of {@code group}; standalone, it leads from the start. Call before the context starts.
     */
    public void onLeadershipChange(CamelContext camel, String group, java.util.function.Consumer<Boolean> listener) {
        if (service.isEmpty()) {
            camel.getManagementStrategy().addEventNotifier(new org.apache.camel.support.SimpleEventNotifierSupport() {
                @Override
                public boolean isEnabled(org.apache.camel.spi.CamelEvent event) {
                    return event instanceof org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
                }

                @Override
                public void notify(org.apache.camel.spi.CamelEvent event) {
                    listener.accept(true);
                }
            });
            return;
        }
        try {
            service.get().getView(group).addEventListener((org.apache.camel.cluster.CamelClusterEventListener.Leadership)
                    (view, leader) -> listener.accept(leader != null && leader.isLocal() && leader.isLeader()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the leadership of " + group, e);
        }
    }

    /** {@code standalone}, {@code file-lock} or {@code kubernetes-lease}: safe to show on status pages. */
    public String mode() {
        return mode;
    }

    public boolean clustered() {
        return service.isPresent();
    }
}
