package com.zoomoverlay.bridge.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthCheckResult;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.health.HealthContributor;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * Leader election through Camel's cluster service: a file lock under {@code CLUSTER_LOCK_DIR}
 * (replicas on one host or a shared volume), or a Kubernetes Lease named {@code KUBERNETES_LEASE_NAME}.
 * With neither, this instance leads alone.
 */
public final class ClusterModule implements BridgeModule {

    /** The election the Zoom WebSocket, the refresh timer and the dispatchers all follow. */
    public static final String GROUP = "zoom-bridge";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        BridgeSettings.Cluster cluster = settings.cluster();
        Optional<CamelClusterService> service = Optional.empty();
        String mode = "standalone";
        if (cluster.lockDir().isPresent()) {
            service = Optional.of(fileLock(cluster.lockDir().get(), lockInterval(camel)));
            mode = "file-lock";
        } else if (cluster.kubernetesLeaseName().isPresent()) {
            service = Optional.of(kubernetesLease(cluster.kubernetesLeaseName().get()));
            mode = "kubernetes-lease";
        }
        if (service.isPresent()) {
            camel.addService(service.get());
        }
        Leadership leadership = new Leadership(service, mode);
        camel.getRegistry().bind(Leadership.BEAN_NAME, leadership);
        HealthChecks.of(camel).add(HealthContributor.of("cluster", () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("mode", leadership.mode());
            details.put("leader", leadership.isLeader(GROUP));
            return HealthCheckResult.up(details);
        }));
    }

    private static long lockInterval(CamelContext camel) {
        return camel.getPropertiesComponent().resolveProperty("bridge.cluster.lock-interval-ms")
                .map(Long::parseLong).orElse(5_000L);
    }

    private static CamelClusterService fileLock(Path dir, long intervalMillis) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId("bridge-file-lock");
        service.setRoot(dir.toAbsolutePath().toString());
        service.setAcquireLockDelay(intervalMillis / 5, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(intervalMillis, TimeUnit.MILLISECONDS);
        return service;
    }

    /** Namespace and pod name come from the standard in-cluster environment (downward API, HOSTNAME). */
    private static CamelClusterService kubernetesLease(String leaseName) {
        KubernetesClusterService service = new KubernetesClusterService();
        service.setId("bridge-kubernetes-lease");
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(leaseName);
        Optional.ofNullable(System.getenv("POD_NAMESPACE")).ifPresent(service::setKubernetesNamespace);
        Optional.ofNullable(System.getenv("HOSTNAME")).ifPresent(service::setPodName);
        return service;
    }
}
