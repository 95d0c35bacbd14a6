package com.zoomoverlay.bridge.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthContributor;
import com.zoomoverlay.bridge.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * Leader election through Camel's cluster service: a file lock under {@code CLUSTER_LOCK_DIR}
 * (replicas on one host or a shared volume), or a Kubernetes Lease named {@code KUBERNETES_LEASE_NAME}.
 * With neither, this instance leads alone. The timings are tuned for a takeover within 10 s of the
 * leader's death (docs/deployment.md explains each one and what it costs).
 */
public final class ClusterModule implements BridgeModule {

    /** The election the Zoom WebSocket, the refresh timer and the dispatchers all follow. */
    public static final String GROUP = "zoom-bridge";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        BridgeSettings.Cluster cluster = settings.cluster();
        Optional<CamelClusterService> service = Optional.empty();
        String mode = "standalone";
        PropertyReader read = new PropertyReader(key -> camel.getPropertiesComponent().resolveProperty(key));
        if (cluster.lockDir().isPresent()) {
            service = Optional.of(fileLock(cluster.lockDir().get(), read.atLeast("bridge.cluster.lock-interval-ms", 1_000, 1),
                    read.count("bridge.cluster.lock-stale-intervals", 5)));
            mode = "file-lock";
        } else if (cluster.kubernetesLeaseName().isPresent()) {
            service = Optional.of(kubernetesLease(cluster.kubernetesLeaseName().get(),
                    read.atLeast("bridge.cluster.lease-duration-ms", 8_000, 1),
                    read.atLeast("bridge.cluster.renew-deadline-ms", 5_000, 1),
                    read.atLeast("bridge.cluster.retry-period-ms", 1_000, 1)));
            mode = "kubernetes-lease";
        }
        if (service.isPresent()) {
            camel.addService(service.get());
        }
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
        if (database == null) {
            throw new IllegalStateException("StoreModule must be installed before ClusterModule");
        }
        Leadership leadership = new Leadership(service, mode, replicaName(camel), Application.clock(camel), database.jdbc());
        leadership.install(camel);
        camel.getRegistry().bind(Leadership.BEAN_NAME, leadership);
        // 1 on the replica that leads: the sum over replicas is 1 in a healthy cluster (alerts: none, two).
        io.micrometer.core.instrument.Gauge.builder("bridge.cluster.leader", leadership, l -> l.isLeader(GROUP) ? 1 : 0)
                .description("1 when this replica leads the election (holds Zoom, refreshes, delivers)")
                .tag("mode", mode)
                .register(com.zoomoverlay.bridge.metrics.MetricsModule.registry(camel));
        HealthChecks.of(camel).add(HealthContributor.of("cluster", () -> HealthCheckResult.up(leadership.describe(GROUP))));
    }

    /** CLUSTER_REPLICA_ID, else the pod or host name (HOSTNAME), else host name and process id. */
    private static String replicaName(CamelContext camel) {
        return camel.getPropertiesComponent().resolveProperty("bridge.cluster-replica-id")
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .filter(s -> !s.isBlank())
                .orElseGet(() -> {
                    try {
                        return InetAddress.getLocalHost().getHostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
                    } catch (java.io.IOException e) {
                        return "replica-" + ManagementFactory.getRuntimeMXBean().getPid();
                    }
                });
    }

    /**
     * The leader rewrites its heartbeat every {@code intervalMillis}; a follower takes over only once the
     * OS lock is free <em>and</em> the heartbeat is older than {@code staleIntervals} intervals, so a
     * leader that is alive but slow is never doubled. After a kill: at most (staleIntervals + 1) intervals.
     */
    private static CamelClusterService fileLock(Path dir, long intervalMillis, int staleIntervals) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId("bridge-file-lock");
        service.setRoot(dir.toAbsolutePath().toString());
        service.setAcquireLockDelay(intervalMillis / 5, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(intervalMillis, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(staleIntervals);
        return service;
    }

    /**
     * Namespace and pod name come from the standard in-cluster environment (downward API, HOSTNAME).
     * A leader that cannot renew for {@code renewDeadline} stops its routes; a follower takes the Lease
     * only after {@code leaseDuration} without renewal, so the gap between the two is the safety margin.
     */
    private static CamelClusterService kubernetesLease(String leaseName, long leaseDuration, long renewDeadline, long retryPeriod) {
        if (renewDeadline >= leaseDuration) {
            throw new IllegalArgumentException("bridge.cluster.renew-deadline-ms must be shorter than bridge.cluster.lease-duration-ms");
        }
        KubernetesClusterService service = new KubernetesClusterService();
        service.setId("bridge-kubernetes-lease");
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(leaseName);
        service.setLeaseDurationMillis(leaseDuration);
        service.setRenewDeadlineMillis(renewDeadline);
        service.setRetryPeriodMillis(retryPeriod);
        Optional.ofNullable(System.getenv("POD_NAMESPACE")).ifPresent(service::setKubernetesNamespace);
        Optional.ofNullable(System.getenv("HOSTNAME")).ifPresent(service::setPodName);
        return service;
    }
}
