package com.zoomoverlay.bridge.simulator.graphics;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What {@code --simulate} shows downstream: a signed-webhook receiver and fakes of vMix, H2R Graphics and
 * Singular under {@code /simulator/demo}, and the targets of the worked examples pointed at them, so the
 * console's delivery table fills with live deliveries, retries and dead letters with no configuration.
 * Controls, for rehearsing trouble with curl:
 * <pre>
 * GET  /simulator/demo/state                                   what each fake shows
 * POST /simulator/demo/control/{vmix|h2r|singular|webhook-NAME}/down?on=true|false
 * POST /simulator/demo/control/{...}/fail?count=3&amp;status=503
 * </pre>
 */
public final class GraphicsDemo {

    public static final String PATH = "/simulator/demo";
    public static final String H2R_PROJECT = "DEMO";

    private final String webhookSecret;
    private final String singularToken;
    private final DemoWebhookReceiver webhooks;
    private final FakeVmix vmix = new FakeVmix(Map.of("LowerThird.gtzip", List.of("Name.Text", "Title.Text")));
    private final FakeH2r h2r = new FakeH2r(H2R_PROJECT, List.of("roster"));
    private final FakeSingular singular;

    public GraphicsDemo(Clock clock) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[24];
        random.nextBytes(key);
        byte[] token = new byte[12];
        random.nextBytes(token);
        this.webhookSecret = "whsec_" + Base64.getEncoder().encodeToString(key);
        this.singularToken = "demo-" + HexFormat.of().formatHex(token);
        this.webhooks = new DemoWebhookReceiver(webhookSecret, clock);
        this.singular = new FakeSingular(Set.of(singularToken));
        webhooks.flaky("graphics");
    }

    /**
     * The examples' targets, pointed at the fakes on the bridge's own port (used for those the operator
     * left unset).
     */
    public Map<String, String> targetProperties(int port) {
        String base = "http://localhost:" + port + PATH;
        Map<String, String> p = new LinkedHashMap<>();
        for (String hook : List.of("chat", "graphics", "keynote")) {
            p.put("bridge.targets." + hook + ".url", base + "/webhook/" + hook);
            p.put("bridge.targets." + hook + ".secret", webhookSecret);
        }
        p.put("bridge.targets.studio-vmix.url", base + "/vmix");
        p.put("bridge.targets.graphics-h2r.url", base + "/h2r/api/" + H2R_PROJECT);
        p.put("bridge.targets.chat-wall.url", base + "/singular/datastreams");
        p.put("bridge.targets.chat-wall.token", singularToken);
        return p;
    }

    public void addRoutes(Router router) {
        webhooks.addRoutes(router, PATH + "/webhook");
        vmix.addRoutes(router, PATH + "/vmix");
        h2r.addRoutes(router, PATH + "/h2r");
        singular.addRoutes(router, PATH + "/singular");
        router.get(PATH + "/state").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("webhooks", webhooks.state()).put("vmix", vmix.state())
                        .put("h2r", h2r.state()).put("singular", singular.state()).encode()));
        router.post(PATH + "/control/:fake/down").handler(ctx -> control(ctx, true));
        router.post(PATH + "/control/:fake/fail").handler(ctx -> control(ctx, false));
    }

    public FakeVmix vmix() {
        return vmix;
    }

    public DemoWebhookReceiver webhooks() {
        return webhooks;
    }

    private void control(RoutingContext ctx, boolean down) {
        String fake = ctx.pathParam("fake");
        Faults faults = switch (fake) {
            case "vmix" -> vmix.faults();
            case "h2r" -> h2r.faults();
            case "singular" -> singular.faults();
            default -> fake.startsWith("webhook-") ? webhooks.faults(fake.substring("webhook-".length())) : null;
        };
        if (faults == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"not_found\",\"message\":\"no fake named " + fake.replaceAll("[^a-z0-9-]", "") + "\"}");
            return;
        }
        try {
            if (down) {
                faults.down(!"false".equalsIgnoreCase(ctx.request().getParam("on")));
            } else {
                faults.failNext(Integer.parseInt(ctx.request().getParam("count", "1")), Integer.parseInt(ctx.request().getParam("status", "503")));
            }
        } catch (NumberFormatException e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"bad_request\",\"message\":\"count and status must be numbers\"}");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
    }
}
