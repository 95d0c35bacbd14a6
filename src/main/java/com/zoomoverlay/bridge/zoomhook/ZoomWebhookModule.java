package com.zoomoverlay.bridge.zoomhook;

import java.time.Clock;

import com.zoomoverlay.bridge.accept.AcceptModule;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import io.micrometer.core.instrument.Gauge;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zoom webhooks as a second transport (docs/zoom-webhooks.md): {@code POST /zoom/webhook} when
 * {@code ZOOM_WEBHOOK_SECRET_TOKEN} is set (else no route, so the path is a 404), the transport ledger
 * that counts what each transport delivered alone, and with {@code --simulate} the simulator's webhook
 * sender finds this endpoint
 * ({@link ZoomWebhookIngress}). Installed after the accept module, whose intake it writes through.
 */
public final class ZoomWebhookModule implements BridgeModule {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomWebhookModule.class);

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        PropertyReader read = new PropertyReader(key -> camel.getPropertiesComponent().resolveProperty(key));
        ZoomWebhookSettings hook = ZoomWebhookSettings.load(read, settings.simulate());
        if (hook.secretToken().isEmpty()) {
            LOG.info("zoom webhooks off (set {} to receive them at POST {})", ZoomWebhookSettings.VARIABLE, ZoomWebhookRoutes.PATH);
            return;
        }
        Clock clock = BridgeClock.of(camel);
        var registry = MetricsModule.registry(camel);
        String secret = hook.secretToken().get().reveal();
        ZoomSignature signature = new ZoomSignature(secret);

        TransportLedger ledger = new TransportLedger(clock, hook.ledgerWindow(), hook.ledgerSize(), new LedgerMetrics(registry));
        Gauge.builder("bridge.transport.ledger.size", ledger, TransportLedger::size)
                .description("Events waiting to see whether the other transport brings them too").register(registry);
        AcceptModule.onArrival(camel, ledger);

        camel.addRoutes(new ZoomWebhookRoutes(new WebhookCheck(signature, clock, hook.tolerance()), signature,
                new WebhookMetrics(registry), clock));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // decides, once the window has passed, the events only one transport brought
                from("timer:transport-ledger?period=1000").routeId("zoom-webhook-ledger-expire")
                        .process(exchange -> ledger.expireNow());
            }
        });
        LOG.info("zoom webhooks on path={} secret={}", ZoomWebhookRoutes.PATH, hook.generated() ? "generated-for-simulator" : "set");

        // where the simulator (with --simulate) sends its signed webhooks; it looks this up, never the other way round
        camel.getRegistry().bind(ZoomWebhookIngress.BEAN_NAME, new ZoomWebhookIngress(ZoomWebhookRoutes.PATH, secret));
    }
}
