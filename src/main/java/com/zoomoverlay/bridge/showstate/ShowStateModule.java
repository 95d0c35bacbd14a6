package com.zoomoverlay.bridge.showstate;

import com.zoomoverlay.bridge.accept.AcceptModule;
import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.BridgeSettings;
import com.zoomoverlay.bridge.config.PropertyReader;
import com.zoomoverlay.bridge.metrics.MetricsModule;
import com.zoomoverlay.bridge.overlay.OverlayFeed;
import com.zoomoverlay.bridge.overlay.OverlayModule;
import com.zoomoverlay.bridge.store.Database;
import com.zoomoverlay.bridge.wiring.BridgeClock;
import com.zoomoverlay.bridge.wiring.BridgeModule;
import io.micrometer.core.instrument.Gauge;
import org.apache.camel.CamelContext;

/**
 * The show state (docs/show-state.md): who is in each live meeting, kept from the routed events and
 * stored with them; {@code /api/meetings}; the {@code bridge.snapshot} first frame of every overlay
 * client. Installed after the accept and overlay modules.
 */
public final class ShowStateModule implements BridgeModule {

    static final String BEAN_NAME = "showKeeper";

    @Override
    public void install(CamelContext camel, BridgeSettings settings) throws Exception {
        ShowSettings show = ShowSettings.load(new PropertyReader(key -> camel.getPropertiesComponent().resolveProperty(key)));
        Database database = camel.getRegistry().lookupByNameAndType(Database.BEAN_NAME, Database.class);
        OverlayFeed feed = camel.getRegistry().lookupByNameAndType(OverlayModule.BEAN_NAME, OverlayFeed.class);
        if (feed == null) {
            throw new IllegalStateException("OverlayModule must be installed before ShowStateModule");
        }
        ShowKeeper keeper = new ShowKeeper(new ShowStateStore(database.jdbc()), feed, BridgeClock.of(camel),
                show.meetingIdle());
        keeper.start();
        camel.getRegistry().bind(BEAN_NAME, keeper);
        AcceptModule.inBatch(camel, keeper);
        Leadership leadership = Leadership.of(camel);
        // The store is migrated when the context starts; standalone, this fires then. A new leader reads
        // what the previous one stored (its working copy is reloaded before its first batch as well).
        leadership.onLeadershipChange(camel, ClusterModule.GROUP, leads -> {
            if (leads) {
                keeper.reloadPublished(true);
            }
        });
        var registry = MetricsModule.registry(camel);
        Gauge.builder("show.meetings", () -> keeper.counts()[0]).description("Live meetings and webinars in the show state")
                .register(registry);
        Gauge.builder("show.participants", () -> keeper.counts()[1]).description("Participants present in live meetings")
                .register(registry);
        camel.addRoutes(new ShowStateRoutes(keeper, settings.security().overlayToken(), leadership, show));
    }
}
