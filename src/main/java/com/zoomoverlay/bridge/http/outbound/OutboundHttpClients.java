package com.zoomoverlay.bridge.http.outbound;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClients for camel-http endpoints ({@code ?httpClient=#name}): pooled keep-alive connections,
 * bounded waits, and no retries, redirects or cookies of their own, because the bridge decides about
 * retries itself (HttpClient would otherwise quietly retry a 503 or 429 once).
 */
public final class OutboundHttpClients {

    private OutboundHttpClients() {
    }

    /**
     * Binds a client under {@code name} and closes it with the context. The client is built on its first
     * request: building it loads ~200 of HttpClient's classes (~0.17 s of the start-up's main thread,
     * BENCHMARKS.md), and the first request (a token refresh or a login) comes after {@code /health} is up.
     */
    public static void bind(CamelContext camel, String name, Duration connectTimeout, Duration responseTimeout,
            int maxPerRoute) throws Exception {
        BuiltOnFirstUse client = new BuiltOnFirstUse(() -> build(connectTimeout, responseTimeout, maxPerRoute));
        camel.getRegistry().bind(name, client);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                client.close();
            }
        });
    }

    private static CloseableHttpClient build(Duration connectTimeout, Duration responseTimeout, int maxPerRoute) {
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout response = Timeout.ofMilliseconds(responseTimeout.toMillis());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(maxPerRoute)
                        .setTlsSocketStrategy(new FirstUseTls())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(response)
                                // a kept-alive connection the server has closed meanwhile (its idle timeout) is
                                // found before the request goes out on it: without retries a POST on it would
                                // fail with NoHttpResponseException instead
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect).setResponseTimeout(response).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
    }

    /** Hands every request to the client {@code factory} builds on the first one; closing it closes that client. */
    static final class BuiltOnFirstUse extends CloseableHttpClient {

        private final Supplier<CloseableHttpClient> factory;
        private CloseableHttpClient client;
        private boolean closed;

        BuiltOnFirstUse(Supplier<CloseableHttpClient> factory) {
            this.factory = factory;
        }

        /** The client, built now if this is the first request; refused once closed. */
        synchronized CloseableHttpClient client() throws IOException {
            if (closed) {
                throw new IOException("http client closed (the bridge is stopping)");
            }
            if (client == null) {
                client = factory.get();
            }
            return client;
        }

        synchronized boolean built() {
            return client != null;
        }

        @Override
        @SuppressWarnings("deprecation") // the classic execute is what doExecute has to return
        protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
                throws IOException {
            return client().execute(target, request, context);
        }

        @Override
        public synchronized void close(CloseMode mode) {
            closed = true;
            if (client != null) {
                client.close(mode);
            }
        }

        /** As HttpClient's own clients do: a graceful close. */
        @Override
        public void close() {
            close(CloseMode.GRACEFUL);
        }
    }

    /**
     * HttpClient's default TLS set-up (the JDK's trust store and the public suffix list, about 0.3 s of
     * CPU) made on the first https connection instead of at start: the first call to Zoom comes after
     * {@code /health} is up, and a bridge whose targets are all plain http never pays for it.
     */
    private static final class FirstUseTls implements TlsSocketStrategy {

        private volatile TlsSocketStrategy tls;

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            return tls().upgrade(socket, target, port, attachment, context);
        }

        private TlsSocketStrategy tls() {
            TlsSocketStrategy t = tls;
            if (t == null) {
                synchronized (this) {
                    t = tls;
                    if (t == null) {
                        t = DefaultClientTlsStrategy.createDefault();
                        tls = t;
                    }
                }
            }
            return t;
        }
    }
}
