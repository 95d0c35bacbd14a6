package com.zoomoverlay.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Claimed ports: each one once, below the kernel's ephemeral range, and free for the server it is meant for. */
class FreePortsTest {

    @Test
    void claimed_ports_are_distinct_below_the_ephemeral_range_and_bindable() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Files.isReadable(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32_768;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.claim();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(1_024, ephemeralStart - 1);
        }
        int port = FreePorts.claim();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
