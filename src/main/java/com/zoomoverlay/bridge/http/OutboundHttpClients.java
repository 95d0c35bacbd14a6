package com.zoomoverlay.bridge.http;

import java.io.IOException;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClients for camel-http endpoints ({@code ?httpClient=#name}): pooled keep-alive connections,
 * bounded waits, and no retries, redirects or cookies of their own, because the bridge decides about
 * retries itself (HttpClient would otherwise quietly retry a 503 or 429 once).
 */
public final class OutboundHttpClients {

    private OutboundHttpClients() {
    }

    /** Creates the client, binds it under {@code name} and closes it with the context. */
    public static void bind(CamelContext camel, String name, Duration connectTimeout, Duration responseTimeout,
            int maxPerRoute) throws Exception {
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout response = Timeout.ofMilliseconds(responseTimeout.toMillis());
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(maxPerRoute)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(response).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect).setResponseTimeout(response).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
        camel.getRegistry().bind(name, client);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws IOException {
                client.close();
            }
        });
    }
}
