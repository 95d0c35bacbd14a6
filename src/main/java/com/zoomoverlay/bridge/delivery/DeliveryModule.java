package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import com.zoomoverlay.bridge.Application;
import com.zoomoverlay.bridge.BridgeModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.health.HealthChecks;
import com.zoomoverlay.bridge.http.AdminAuth;
import com.zoomoverlay.bridge.http.OutboundHttpClients;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * Downstream delivery: the durable inbox behind {@code direct:zoom-accept}, the webhook outbox behind
 * {@code direct:deliver-webhook}, one ordered dispatcher per target, dead letters and their admin routes.
 */
public final class DeliveryModule implements BridgeModule {

    static final String HTTP_CLIENT_BEAN = "webhookHttpClient";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        Clock clock = Application.clock(camel);
        DeliverySettings delivery = DeliverySettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        Properties all = camel.getPropertiesComponent().loadProperties(key -> key.startsWith("bridge.targets."));
        WebhookTargets targets = WebhookTargets.load(settings, resolved(camel, all));
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);

        EventInbox inbox = new EventInbox(database.dataSource());
        Outbox outbox = new Outbox(database.dataSource());
        DeliveryMetrics metrics = new DeliveryMetrics(MetricsModule.registry(camel), outbox);
        OutboundHttpClients.bind(camel, HTTP_CLIENT_BEAN, delivery.connectTimeout(), delivery.responseTimeout(), 4);
        ProducerTemplate producer = camel.createProducerTemplate();
        Map<String, WebhookDispatcher> dispatchers = new LinkedHashMap<>();
        for (WebhookTarget target : targets.all()) {
            dispatchers.put(target.name(), new WebhookDispatcher(target, endpointUri(target), outbox,
                    delivery.retry(), producer, metrics, clock));
        }
        HealthChecks.of(camel).add(new DeliveryHealth(outbox, dispatchers, delivery.outboxLimit()));

        camel.addRoutes(new DeliveryRoutes(new EventAcceptor(inbox, clock), inbox,
                new WebhookEnqueuer(targets, outbox, metrics, clock), dispatchers, outbox, delivery,
                Leadership.of(camel), clock));
        camel.addRoutes(new DeadLetterRoutes(AdminAuth.of(camel), outbox, targets,
                dispatchers, clock));
    }

    /** camel-http on the shared webhook client: pooled keep-alive, bounded waits, no retries of its own. */
    private static String endpointUri(WebhookTarget target) {
        String url = target.url().toString();
        return url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false&httpClient=#" + HTTP_CLIENT_BEAN;
    }

    /** Placeholders in target properties ({{env:...}}) resolved to their values. */
    private static Properties resolved(CamelContext camel, Properties raw) {
        Properties out = new Properties();
        for (String key : raw.stringPropertyNames()) {
            camel.getPropertiesComponent().resolveProperty(key).ifPresent(v -> out.setProperty(key, v));
        }
        return out;
    }
}
