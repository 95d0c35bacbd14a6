package com.zoomoverlay.bridge.http.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;

import javax.net.ssl.HostnameVerifier;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.LayeredConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * camel-http as it is, except that its default TLS set-up is made on the first https connection. The
 * component makes a connection manager for every endpoint it creates, even one that brings its own client
 * ({@code ?httpClient=#name}, as the OAuth token endpoint does), and that manager's https socket factory
 * loads the JDK's trust store at once: on the start-up path, for a client that never uses it. With
 * {@code sslContextParameters} set, nothing changes (the component's own code runs).
 */
public final class FirstUseTlsHttpComponent extends HttpComponent {

    /** Replaces the auto-discovered {@code http} and {@code https} components (one class serves both). */
    public static void install(CamelContext camel) {
        camel.addComponent("http", new FirstUseTlsHttpComponent());
        camel.addComponent("https", new FirstUseTlsHttpComponent());
    }

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionRegistry(HostnameVerifier verifier,
            SSLContextParameters sslContextParameters, boolean useSystemProperties) throws java.security.GeneralSecurityException, IOException {
        if (sslContextParameters != null) {
            return super.createConnectionRegistry(verifier, sslContextParameters, useSystemProperties);
        }
        return RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", new FirstUseTlsSockets(verifier, useSystemProperties))
                .build();
    }

    /** The component's default https socket factory, made when first asked for a socket. */
    private static final class FirstUseTlsSockets implements LayeredConnectionSocketFactory {

        private final HostnameVerifier verifier;
        private final boolean useSystemProperties;
        private volatile SSLConnectionSocketFactory tls;

        FirstUseTlsSockets(HostnameVerifier verifier, boolean useSystemProperties) {
            this.verifier = verifier;
            this.useSystemProperties = useSystemProperties;
        }

        @Override
        public Socket createSocket(HttpContext context) throws IOException {
            return tls().createSocket(context);
        }

        @Override
        public Socket createSocket(Proxy proxy, HttpContext context) throws IOException {
            return tls().createSocket(proxy, context);
        }

        @Override
        public Socket connectSocket(Socket socket, HttpHost host, InetSocketAddress remote, InetSocketAddress local,
                Timeout connectTimeout, Object attachment, HttpContext context) throws IOException {
            return tls().connectSocket(socket, host, remote, local, connectTimeout, attachment, context);
        }

        @Override
        public Socket connectSocket(TimeValue connectTimeout, Socket socket, HttpHost host, InetSocketAddress remote,
                InetSocketAddress local, HttpContext context) throws IOException {
            return tls().connectSocket(connectTimeout, socket, host, remote, local, context);
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
            return tls().createLayeredSocket(socket, target, port, context);
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            return tls().createLayeredSocket(socket, target, port, attachment, context);
        }

        private SSLConnectionSocketFactory tls() {
            SSLConnectionSocketFactory t = tls;
            if (t == null) {
                synchronized (this) {
                    t = tls;
                    if (t == null) {
                        t = new SSLConnectionSocketFactory(
                                useSystemProperties ? SSLContexts.createSystemDefault() : SSLContexts.createDefault(), verifier);
                        tls = t;
                    }
                }
            }
            return t;
        }
    }
}
