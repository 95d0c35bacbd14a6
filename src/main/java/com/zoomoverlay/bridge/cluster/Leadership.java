package com.zoomoverlay.bridge.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.zoomoverlay.bridge.store.Jdbc;
import com.zoomoverlay.bridge.wiring.ContextEvents;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica does the work that must happen once (the Zoom WebSocket, the token refresh timer,
 * the outbox dispatchers). Standalone, this instance always leads; clustered, Camel's cluster service
 * elects one, and every route whose consumer URI went through {@link #leaderOnly} runs under Camel's
 * {@link ClusteredRoutePolicy}: started when this replica gains the lead, stopped when it loses it.
 *
 * <p>Why a route policy rather than {@code master:} endpoints: in Camel 4.17 the {@code master:}
 * consumer's start task reports "not done" even after it started the consumer, so it keeps running
 * until its budget is spent (the {@code BackgroundTask - The task Leadership does not have more budget}
 * WARN on every hand-over), and a run left over after the lead was lost would create a consumer again on
 * a replica that no longer leads. The route policy starts and stops whole routes, once.
 */
public final class Leadership {

    public static final String BEAN_NAME = "bridgeLeadership";
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final Optional<CamelClusterService> service;
    private final String mode;
    private final String replica;
    private final Clock clock;
    private final Jdbc jdbc;
    private final Set<String> leaderOnlyUris = ConcurrentHashMap.newKeySet();
    private final Map<String, ClusteredRoutePolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, Instant> leadingSince = new ConcurrentHashMap<>();

    Leadership(Optional<CamelClusterService> service, String mode, String replica, Clock clock, Jdbc jdbc) {
        this.service = service;
        this.mode = mode;
        this.replica = replica;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public static Leadership of(CamelContext camel) {
        Leadership leadership = camel.getRegistry().lookupByNameAndType(BEAN_NAME, Leadership.class);
        if (leadership == null) {
            throw new IllegalStateException("ClusterModule must be installed before modules that need leadership");
        }
        return leadership;
    }

    /**
     * The consumer URI to use for work only the leader does ({@code group} names the election): the
     * route that consumes from it is started on the leader only. Call while building routes.
     */
    public String leaderOnly(String group, String consumerUri) {
        if (service.isPresent()) {
            if (!ClusterModule.GROUP.equals(group)) {
                throw new IllegalArgumentException("unknown election " + group);
            }
            leaderOnlyUris.add(consumerUri);
        }
        return consumerUri;
    }

    /** True when this replica leads {@code group} (always, when not clustered). */
    public boolean isLeader(String group) {
        return service.map(s -> s.isLeader(group)).orElse(true);
    }

    /**
     * Tells {@code listener} whenever this replica gains ({@code true}) or loses ({@code false}) the lead
     * of {@code group}; standalone, it leads from the start. Call before the context starts.
     */
    public void onLeadershipChange(CamelContext camel, String group, Consumer<Boolean> listener) {
        if (service.isEmpty()) {
            ContextEvents.on(camel, CamelEvent.CamelContextStartedEvent.class, () -> listener.accept(true));
            return;
        }
        try {
            service.get().getView(group).addEventListener((CamelClusterEventListener.Leadership)
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

    /** This replica's name (pod name, host name or {@code CLUSTER_REPLICA_ID}). */
    public String replica() {
        return replica;
    }

    /** Since when this replica leads {@code group}, if it does. */
    public Optional<Instant> leadingSince(String group) {
        return Optional.ofNullable(leadingSince.get(group));
    }

    /**
     * Who leads {@code group} and since when, as this replica sees it: itself when it leads, else the
     * record the last leader wrote to the shared store ({@code cluster_leader}); safe for status pages.
     */
    public Map<String, Object> describe(String group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("replica", replica);
        boolean leads = isLeader(group);
        out.put("leader", leads);
        out.put("role", leads ? "leader" : "standby");
        Instant since = leadingSince.get(group);
        if (leads) {
            out.put("leaderReplica", replica);
            out.put("leaderSince", since == null ? null : since.toString());
        } else if (clustered()) {
            try {
                jdbc.queryOne("SELECT replica, since_ms FROM cluster_leader WHERE group_name = ?",
                        rs -> Map.entry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))), group)
                        .ifPresent(record -> {
                            out.put("leaderReplica", record.getKey());
                            out.put("leaderSince", record.getValue().toString());
                        });
            } catch (RuntimeException e) {
                out.put("leaderReplica", null); // the store check reports the outage itself
            }
        }
        return out;
    }

    /** Wires the route policy and the leader bookkeeping into {@code camel} (by ClusterModule). */
    void install(CamelContext camel) throws Exception {
        onLeadershipChange(camel, ClusterModule.GROUP, leads -> changed(ClusterModule.GROUP, leads));
        if (service.isEmpty()) {
            return;
        }
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(service.get(), ClusterModule.GROUP);
        // Start the routes as soon as the lead is ours: the election's own timing is the only wait.
        policy.setInitialDelay(java.time.Duration.ZERO);
        policies.put(ClusterModule.GROUP, policy);
        camel.addRoutePolicyFactory(new RoutePolicyFactory() {
            @Override
            public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
                if (route instanceof RouteDefinition definition && definition.getInput() != null
                        && leaderOnlyUris.contains(definition.getInput().getEndpointUri())) {
                    return policy;
                }
                return null;
            }
        });
    }

    private void changed(String group, boolean leads) {
        if (!leads) {
            if (leadingSince.remove(group) != null) {
                LOG.info("cluster leadership lost group={} replica={}", group, replica);
            }
            return;
        }
        Instant now = clock.instant();
        if (leadingSince.putIfAbsent(group, now) != null) {
            return;
        }
        LOG.info("cluster leadership taken group={} replica={} mode={}", group, replica, mode);
        if (!clustered()) {
            return;
        }
        try {
            int updated = jdbc.update("UPDATE cluster_leader SET replica = ?, since_ms = ? WHERE group_name = ?",
                    replica, now.toEpochMilli(), group);
            if (updated == 0) {
                jdbc.insertIfAbsent("INSERT INTO cluster_leader (group_name, replica, since_ms) VALUES (?, ?, ?)",
                        group, replica, now.toEpochMilli());
            }
        } catch (RuntimeException e) {
            LOG.warn("cluster leader record not written group={} error={}", group, e.getClass().getSimpleName());
        }
    }
}
