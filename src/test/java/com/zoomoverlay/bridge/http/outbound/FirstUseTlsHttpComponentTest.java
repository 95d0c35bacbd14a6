package com.zoomoverlay.bridge.http.outbound;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLException;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.LayeredConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

class FirstUseTlsHttpComponentTest {

    @Test
    void bothSchemesAreServedByTheComponent() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            FirstUseTlsHttpComponent.install(camel);
            assertInstanceOf(FirstUseTlsHttpComponent.class, camel.getComponent("http"));
            assertInstanceOf(FirstUseTlsHttpComponent.class, camel.getComponent("https"));
        }
    }

    @Test
    void httpsStillSpeaksTlsOnceASocketIsAskedFor() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            FirstUseTlsHttpComponent.install(camel);
            FirstUseTlsHttpComponent http = camel.getComponent("https", FirstUseTlsHttpComponent.class);
            Registry<ConnectionSocketFactory> registry = http.createConnectionRegistry(NoopHostnameVerifier.INSTANCE, null, false);
            assertSame(PlainConnectionSocketFactory.getSocketFactory(), registry.lookup("http"));
            LayeredConnectionSocketFactory https = assertInstanceOf(LayeredConnectionSocketFactory.class, registry.lookup("https"));
            // A plain server that hangs up: the layered socket starts a TLS handshake on it, which fails.
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread hangUp = new Thread(() -> {
                    try (Socket accepted = server.accept()) {
                        accepted.getOutputStream().write("not tls\r\n\r\n".getBytes());
                    } catch (Exception ignored) {
                        // the client side reports what happened
                    }
                });
                hangUp.start();
                try (Socket plain = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    assertThrows(SSLException.class, () -> https.createLayeredSocket(plain, "localhost",
                            server.getLocalPort(), new BasicHttpContext()));
                }
                hangUp.join();
            }
        }
    }

    @Test
    void givenSslContextParametersTheComponentsOwnTlsSetUpIsUsed() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            FirstUseTlsHttpComponent.install(camel);
            FirstUseTlsHttpComponent http = camel.getComponent("https", FirstUseTlsHttpComponent.class);
            Registry<ConnectionSocketFactory> registry = http.createConnectionRegistry(NoopHostnameVerifier.INSTANCE,
                    new SSLContextParameters(), false);
            assertInstanceOf(SSLConnectionSocketFactory.class, registry.lookup("https"));
        }
    }
}
