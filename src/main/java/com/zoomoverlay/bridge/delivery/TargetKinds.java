package com.zoomoverlay.bridge.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.delivery.targets.TargetKind;
import com.zoomoverlay.bridge.delivery.webhook.WebhookKind;

/** The kinds a target can be ({@code bridge.targets.<name>.kind}); a new output adds its kind here. */
public final class TargetKinds {

    private TargetKinds() {
    }

    public static Map<String, TargetKind> all(DeliverySettings settings) {
        Map<String, TargetKind> kinds = new LinkedHashMap<>();
        for (TargetKind kind : List.<TargetKind>of(
                new WebhookKind(settings.connectTimeout(), settings.responseTimeout()))) {
            kinds.put(kind.name(), kind);
        }
        // vMix, H2R Graphics, Singular, CasparCG (docs/graphics-outputs.md)
        com.zoomoverlay.bridge.outputs.TargetKinds.all().forEach(kind -> kinds.put(kind.name(), kind));
        return kinds;
    }
}
