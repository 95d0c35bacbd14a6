package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.http.AdminAuth;
import com.zoomoverlay.bridge.http.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.HttpReplies;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The admin side of delivery: list and replay dead letters, and per-target delivery status for the
 * console. All admin-only.
 */
public final class DeadLetterRoutes extends RouteBuilder {

    private static final int LIST_LIMIT = 1000;

    private final AdminAuth adminAuth;
    private final Outbox outbox;
    private final WebhookTargets targets;
    private final Map<String, WebhookDispatcher> dispatchers;
    private final Clock clock;

    public DeadLetterRoutes(AdminAuth adminAuth, Outbox outbox, WebhookTargets targets,
            Map<String, WebhookDispatcher> dispatchers, Clock clock) {
        this.adminAuth = adminAuth;
        this.outbox = outbox;
        this.targets = targets;
        this.dispatchers = dispatchers;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from("platform-http:/admin/dead-letters?httpMethodRestrict=GET").routeId("admin-dead-letters-list")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(adminAuth)
                .process(this::list);

        from("platform-http:/admin/dead-letters/replay?httpMethodRestrict=POST").routeId("admin-dead-letters-replay")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(adminAuth)
                .process(this::replay);

        from("platform-http:/admin/delivery/status?httpMethodRestrict=GET").routeId("admin-delivery-status")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(adminAuth)
                .process(this::status);
    }

    private void list(Exchange exchange) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Outbox.Delivery d : outbox.deadLetters(LIST_LIMIT)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", d.id());
            item.put("target", d.target());
            item.put("eventType", d.eventType());
            item.put("webhookId", d.webhookId());
            item.put("attempts", d.attempts());
            item.put("lastError", d.lastError());
            item.put("reason", d.lastError());
            item.put("createdAt", String.valueOf(d.createdAt()));
            item.put("deadAt", String.valueOf(d.finishedAt()));
            item.put("deadLetteredAt", String.valueOf(d.finishedAt()));
            items.add(item);
        }
        HttpReplies.json(exchange, 200, Map.of("deadLetters", items));
    }

    /** Which dead letters: {@code ?id=} / {@code ?target=}, or the same in a JSON body; neither = all. */
    private void replay(Exchange exchange) {
        Optional<String> id;
        Optional<String> target;
        Optional<Long> numericId;
        try {
            id = param(exchange, "id");
            target = param(exchange, "target");
            numericId = id.map(Long::parseLong);
        } catch (NumberFormatException e) {
            HttpErrorsConfiguration.badRequest(exchange, "id must be a dead letter's numeric id");
            return;
        } catch (IllegalArgumentException e) {
            HttpErrorsConfiguration.badRequest(exchange, e.getMessage());
            return;
        }
        if (target.isPresent() && targets.find(target.get()).isEmpty()) {
            HttpErrorsConfiguration.badRequest(exchange, "no webhook target named " + target.get());
            return;
        }
        int replayed = outbox.replay(numericId, target, clock.instant());
        log.info("dead letters replayed count={} id={} target={}", replayed, id.orElse("*"), target.orElse("*"));
        HttpReplies.json(exchange, 200, Map.of("replayed", replayed));
    }

    private void status(Exchange exchange) {
        Map<String, Outbox.TargetStats> stats = outbox.stats();
        List<Map<String, Object>> items = new ArrayList<>();
        for (WebhookTarget target : targets.all()) {
            Outbox.TargetStats s = stats.getOrDefault(target.name(), new Outbox.TargetStats(0, 0, 0, 0, null));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", target.name());
            item.put("delivered", s.delivered());
            item.put("retrying", s.retrying());
            item.put("deadLetters", s.dead());
            item.put("outboxDepth", s.pending());
            item.put("lastError", dispatchers.get(target.name()).lastError());
            item.put("lastDeliveredAt", s.lastDeliveredAt() == null ? null : s.lastDeliveredAt().toString());
            items.add(item);
        }
        HttpReplies.json(exchange, 200, Map.of("targets", items));
    }

    private static Optional<String> param(Exchange exchange, String name) {
        String query = exchange.getMessage().getHeader(name, String.class);
        if (query != null && !query.isBlank()) {
            return Optional.of(query.trim());
        }
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = HttpReplies.JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("the body must be JSON, e.g. {\"target\":\"default\"}");
        }
        JsonNode value = json.path(name);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
