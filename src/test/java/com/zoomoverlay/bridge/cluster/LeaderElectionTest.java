package com.zoomoverlay.bridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.json.Json;
import com.zoomoverlay.bridge.support.TestBridge;
import com.zoomoverlay.bridge.support.TestPostgres;
import com.zoomoverlay.bridge.support.TwoReplicas;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderElectionTest {

    @TempDir
    Path lockDir;

    @Test
    void standalone_instance_leads_alone() throws Exception {
        try (TestBridge bridge = TestBridge.simulating()) {
            Leadership leadership = Leadership.of(bridge.camel());
            assertThat(leadership.clustered()).isFalse();
            assertThat(leadership.isLeader(ClusterModule.GROUP)).isTrue();
            assertThat(leadership.leaderOnly(ClusterModule.GROUP, "timer:x")).isEqualTo("timer:x");
            JsonNode health = Json.MAPPER.readTree(bridge.get("/health").body());
            assertThat(health.path("checks").path("cluster").path("mode").asText()).isEqualTo("standalone");
        }
    }

    @Test
    void replicas_sharing_a_lock_dir_elect_one_leader_and_fail_over() throws Exception {
        AtomicInteger ticksA = new AtomicInteger();
        AtomicInteger ticksB = new AtomicInteger();
        TestPostgres db = TestPostgres.freshSchema();
        TestBridge a = replica(db);
        TestBridge b = replica(db);
        try {
            addLeaderOnlyWork(a, ticksA);
            addLeaderOnlyWork(b, ticksB);
            await().atMost(Duration.ofSeconds(20)).until(() -> ticksA.get() + ticksB.get() > 0);
            boolean aLeads = ticksA.get() > 0;
            TestBridge leader = aLeads ? a : b;
            TestBridge follower = aLeads ? b : a;
            AtomicInteger followerTicks = aLeads ? ticksB : ticksA;
            assertThat(Leadership.of(leader.camel()).isLeader(ClusterModule.GROUP)).isTrue();
            assertThat(Leadership.of(follower.camel()).isLeader(ClusterModule.GROUP)).isFalse();
            assertThat(followerTicks.get()).as("the follower does no leader-only work").isZero();

            leader.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> followerTicks.get() > 0);
            assertThat(Leadership.of(follower.camel()).isLeader(ClusterModule.GROUP)).isTrue();
        } finally {
            closeQuietly(a);
            closeQuietly(b);
            db.drop();
        }
    }

    private TestBridge replica(TestPostgres db) {
        return TwoReplicas.inProcessReplica(db, lockDir);
    }

    private static void addLeaderOnlyWork(TestBridge bridge, AtomicInteger ticks) throws Exception {
        String uri = Leadership.of(bridge.camel()).leaderOnly(ClusterModule.GROUP, "timer:leader-work?period=100");
        assertThat(uri).isEqualTo("timer:leader-work?period=100");
        bridge.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("test-leader-work").process(e -> ticks.incrementAndGet());
            }
        });
    }

    private static void closeQuietly(TestBridge bridge) {
        try {
            bridge.close();
        } catch (RuntimeException ignored) {
            // already stopped by the test
        }
    }
}
