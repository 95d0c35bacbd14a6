package com.zoomoverlay.bridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import com.zoomoverlay.bridge.support.TwoReplicas;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's checks are Camel health checks: Camel's registry and {@code /health} tell the same story. */
class CamelHealthChecksTest {

    @TempDir
    Path lockDir;

    @Test
    void camel_registry_sees_every_bridge_check_with_the_outcome_of_health() throws Exception {
        try (TestBridge bridge = TestBridge.simulating()) {
            HttpResponse<String> response = bridge.get("/health");
            JsonNode health = Json.MAPPER.readTree(response.body());
            // a fresh simulating bridge has no Zoom grant: DEGRADED, which Camel sees as UP plus the detail
            assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(response.statusCode()).isEqualTo(200);

            Map<String, HealthCheck.Result> camel = bridgeResults(bridge);
            assertThat(camel.keySet()).containsExactlyInAnyOrderElementsOf(fieldNames(health.path("checks")));
            assertThat(camel.keySet()).contains("camel", "store", "oauth", "cluster", "zoom", "delivery", "stream", "storeBudget");
            camel.forEach((id, result) -> {
                String contract = health.path("checks").path(id).path("status").asText();
                assertThat(result.getDetails().get(BridgeHealthCheck.STATUS)).as(id).isEqualTo(contract);
                assertThat(result.getState()).as(id)
                        .isEqualTo(contract.equals("DOWN") ? HealthCheck.State.DOWN : HealthCheck.State.UP);
            });
            assertThat(camel.get("oauth").getDetails()).containsEntry(BridgeHealthCheck.STATUS, "DEGRADED")
                    .containsEntry("authorized", false);
            // Camel's bookkeeping stays in Camel: /health has only the bridge's own fields
            assertThat(camel.get("store").getDetails()).containsKey(HealthCheck.INVOCATION_COUNT);
            assertThat(fieldNames(health.path("checks").path("store"))).containsExactly("status", "kind");
            // ... in the order the check gives them (Camel keeps details in a hash map)
            assertThat(fieldNames(health.path("checks").path("cluster"))).startsWith("status", "mode", "replica", "leader", "role");
            assertThat(fieldNames(health.path("checks").path("delivery"))).containsExactly("status", "outboxDepth", "outboxLimit");
            // the checks are readiness checks, the ones a readiness probe built on Camel's registry asks
            assertThat(invoke(bridge, check -> !check.isReadiness()).stream()
                    .map(r -> r.getCheck().getId())).contains("store", "zoom");
        }
    }

    @Test
    void a_down_check_is_down_for_camel_and_a_503_on_health_and_a_throwing_one_names_only_its_type() throws Exception {
        try (TestBridge bridge = TestBridge.simulating()) {
            HealthChecks checks = HealthChecks.of(bridge.camel());
            checks.add(HealthContributor.of("testBroken", () -> {
                throw new IllegalStateException("secret-token-123");
            }));
            HttpResponse<String> response = bridge.get("/health");
            JsonNode health = Json.MAPPER.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("checks").path("testBroken").path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("checks").path("testBroken").path("error").asText()).isEqualTo("IllegalStateException");
            assertThat(response.body()).doesNotContain("secret-token-123");

            HealthCheck.Result camel = bridgeResults(bridge).get("testBroken");
            assertThat(camel.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(camel.getDetails()).containsEntry(BridgeHealthCheck.STATUS, "DOWN")
                    .containsEntry("error", "IllegalStateException");
        }
    }

    @Test
    void a_standby_replica_is_not_down_for_camel_either() throws Exception {
        TestPostgres db = TestPostgres.freshSchema();
        TestBridge a = replica(db);
        TestBridge b = null;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Leadership.of(a.camel()).isLeader(ClusterModule.GROUP));
            b = replica(db);
            TestBridge standby = b;
            assertThat(Leadership.of(standby.camel()).isLeader(ClusterModule.GROUP)).isFalse();
            HttpResponse<String> response = standby.get("/health");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(response.body()).path("checks").path("cluster").path("role").asText())
                    .isEqualTo("standby");
            // every check Camel runs (its own context check included), not only the bridge's: none is DOWN
            // although the leader-only routes do not run here
            Map<String, HealthCheck.Result> all = invoke(standby, check -> false).stream()
                    .collect(Collectors.toMap(r -> r.getCheck().getId(), r -> r));
            // Camel's own route and consumer checks run too (application.properties), on a leader-only route
            // that is stopped here by design
            assertThat(standby.camel().getRouteController().getRouteStatus("zoom-ws-consumer").isStopped()).isTrue();
            assertThat(all).containsKeys("context", "route:zoom-ws-consumer", "consumer:zoom-ws-consumer", "zoom", "cluster");
            assertThat(all.values())
                    .allSatisfy(r -> assertThat(r.getState()).as(r.getCheck().getId()).isNotEqualTo(HealthCheck.State.DOWN));
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
            db.drop();
        }
    }

    private TestBridge replica(TestPostgres db) {
        return TwoReplicas.inProcessReplica(db, lockDir);
    }

    private static Map<String, HealthCheck.Result> bridgeResults(TestBridge bridge) {
        return invoke(bridge, check -> false).stream()
                .filter(r -> HealthChecks.GROUP.equals(r.getCheck().getGroup()))
                .collect(Collectors.toMap(r -> r.getCheck().getId(), r -> r));
    }

    /** Camel's registry, every result ("full": the default exposure level answers one result when all are UP). */
    private static java.util.Collection<HealthCheck.Result> invoke(TestBridge bridge,
                                                                java.util.function.Predicate<HealthCheck> exclude) {
        return HealthCheckHelper.invoke(bridge.camel(), check -> Map.of(), exclude, "full");
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
