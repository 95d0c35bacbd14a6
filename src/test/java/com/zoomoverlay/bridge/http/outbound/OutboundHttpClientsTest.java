package com.zoomoverlay.bridge.http.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpClientsTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void the_client_is_built_by_the_first_request_and_then_reused() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            FirstUseTlsHttpComponent.install(camel);
            OutboundHttpClients.bind(camel, "tokenClient", Duration.ofSeconds(2), Duration.ofSeconds(2), 2);
            camel.start();
            OutboundHttpClients.BuiltOnFirstUse client =
                    camel.getRegistry().lookupByNameAndType("tokenClient", OutboundHttpClients.BuiltOnFirstUse.class);
            assertThat(client.built()).isFalse();

            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/token?httpClient=#tokenClient";
            String first = camel.createProducerTemplate().requestBody(uri, "", String.class);
            String second = camel.createProducerTemplate().requestBody(uri, "", String.class);

            assertThat(first).isEqualTo("{\"ok\":true}");
            assertThat(second).isEqualTo(first);
            assertThat(requests).hasValue(2);
            assertThat(client.built()).isTrue();
        }
    }

    @Test
    void once_the_context_stops_a_request_is_refused_with_a_clear_error() throws Exception {
        OutboundHttpClients.BuiltOnFirstUse client;
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            OutboundHttpClients.bind(camel, "tokenClient", Duration.ofSeconds(2), Duration.ofSeconds(2), 2);
            camel.start();
            client = camel.getRegistry().lookupByNameAndType("tokenClient", OutboundHttpClients.BuiltOnFirstUse.class);
        }
        HttpHost host = new HttpHost("127.0.0.1", server.getAddress().getPort());

        assertThatThrownBy(() -> client.executeOpen(host, new HttpGet("/token"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(requests).hasValue(0);
    }
}
