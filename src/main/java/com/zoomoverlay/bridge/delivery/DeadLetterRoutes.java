package com.zoomoverlay.bridge.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.zoomoverlay.bridge.accept.EventIntake;
import com.zoomoverlay.bridge.accept.IncomingEvent;
import com.zoomoverlay.bridge.accept.AcceptStore;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import com.zoomoverlay.bridge.http.security.AdminAuth;
import com.zoomoverlay.bridge.json.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The admin side of delivery: list and replay dead letters, and per-target status for the console.
 * A dead letter is always the same JSON shape ({@link #json(DeadLetter)}); replay takes the same
 * selectors in the query or a JSON body and says exactly what it replayed.
 */
public final class DeadLetterRoutes extends RouteBuilder {

    private static final int LIST_LIMIT = 1000;
    private static final Set<String> SELECTORS = Set.of("id", "target", "reason");

    private final AdminAuth adminAuth;
    private final DeliveryEngine engine;
    private final CamelContext camel;

    public DeadLetterRoutes(AdminAuth adminAuth, DeliveryEngine engine, CamelContext camel) {
        this.adminAuth = adminAuth;
        this.engine = engine;
        this.camel = camel;
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

    /** The one shape of a dead letter in every answer; dates are ISO-8601 or null. */
    static Map<String, Object> json(DeadLetter d) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", d.id());
        item.put("target", d.target());
        item.put("eventType", d.eventType());
        item.put("webhookId", d.deliveryId());
        item.put("attempts", d.attempts());
        item.put("reason", d.reason());
        item.put("lastError", d.lastError());
        item.put("createdAt", d.createdAt() == null ? null : d.createdAt().toString());
        item.put("deadLetteredAt", d.deadLetteredAt() == null ? null : d.deadLetteredAt().toString());
        return item;
    }

    private void list(Exchange exchange) {
        Optional<DeadLetterQuery> query = query(exchange, false);
        if (query.isEmpty()) {
            return;
        }
        List<Map<String, Object>> items = engine.deadLetters(query.get(), LIST_LIMIT).stream().map(DeadLetterRoutes::json).toList();
        HttpReplies.json(exchange, 200, Map.of("deadLetters", items));
    }

    private void replay(Exchange exchange) {
        Optional<DeadLetterQuery> selected = query(exchange, true);
        if (selected.isEmpty()) {
            return;
        }
        DeadLetterQuery query = selected.get();
        if (query.id().isPresent() && engine.deadLetters(query, 1).isEmpty()) {
            HttpErrorsConfiguration.badRequest(exchange, "no dead letter with id " + query.id().get()
                    + (query.target().isPresent() || query.reason().isPresent() ? " matching the other selectors" : ""));
            return;
        }
        List<DeliveryEngine.Replay> replayed = engine.replay(query);
        List<Long> reroutedIds = reroute(query);
        int rerouted = reroutedIds.size();
        Map<String, Integer> perTarget = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        for (DeliveryEngine.Replay d : replayed) {
            perTarget.merge(d.target(), 1, Integer::sum);
            ids.add(d.deadLetterId());
        }
        ids.addAll(reroutedIds);
        if (rerouted > 0) {
            perTarget.merge(DeliveryTargets.ROUTES, rerouted, Integer::sum);
        }
        log.info("dead letters replayed count={} id={} target={} reason={}", replayed.size() + rerouted,
                query.id().map(String::valueOf).orElse("*"), query.target().orElse("*"), query.reason().orElse("*"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayed", replayed.size() + rerouted);
        body.put("byTarget", perTarget);
        body.put("ids", ids);
        HttpReplies.json(exchange, 200, body);
    }

    /** Dead letters of failed routes go back through the stream; returns their ids. */
    private List<Long> reroute(DeadLetterQuery query) {
        if (query.target().isPresent() && !DeliveryTargets.ROUTES.equals(query.target().get())) {
            return List.of();
        }
        EventIntake intake = camel.getRegistry().lookupByNameAndType(EventIntake.BEAN_NAME, EventIntake.class);
        AcceptStore events = camel.getRegistry().lookupByNameAndType(AcceptStore.BEAN_NAME, AcceptStore.class);
        List<Long> done = new ArrayList<>();
        for (OutboxStore.RoutesDeadLetter d : engine.routesDeadLetters(query)) {
            Optional<IncomingEvent> stored = d.eventId() == null ? Optional.empty() : events.find(d.eventSeq(), d.eventId(), d.body());
            IncomingEvent event = stored.orElseGet(() -> IncomingEvent.fromBody(d.body(), d.eventType(), "bridge"));
            intake.submit(event).join();
            done.add(d.id());
        }
        engine.forget(done);
        return done;
    }

    private void status(Exchange exchange) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (DeliveryEngine.TargetStatus s : engine.status().values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", s.name());
            item.put("kind", s.kind());
            item.put("delivered", s.delivered());
            item.put("retrying", s.retrying());
            item.put("outboxDepth", s.pending());
            item.put("deadLetters", s.deadLetters());
            item.put("lastError", s.lastError());
            item.put("lastDeliveredAt", s.lastDeliveredAt() == null ? null : s.lastDeliveredAt().toString());
            items.add(item);
        }
        HttpReplies.json(exchange, 200, Map.of("targets", items));
    }

    /**
     * The selectors of the query string, or of a JSON object body (not both): {@code id}, {@code target},
     * {@code reason}. Anything else, a malformed id, or a target that is not configured is a 400.
     */
    private Optional<DeadLetterQuery> query(Exchange exchange, boolean bodyAllowed) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String key : SELECTORS) {
            String value = exchange.getMessage().getHeader(key, String.class);
            if (value != null && !value.isBlank()) {
                given.put(key, value.trim());
            }
        }
        String body = bodyAllowed ? exchange.getMessage().getBody(String.class) : null;
        if (body != null && !body.isBlank()) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(body);
            } catch (Exception e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                HttpErrorsConfiguration.badRequest(exchange, "the body must be a JSON object, e.g. {\"target\":\"default\"}");
                return Optional.empty();
            }
            for (var it = json.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!SELECTORS.contains(key)) {
                    HttpErrorsConfiguration.badRequest(exchange, "unknown selector '" + key + "' (use id, target, reason)");
                    return Optional.empty();
                }
                JsonNode value = json.get(key);
                if (!value.isNull() && !given.containsKey(key)) {
                    given.put(key, value.asText().trim());
                }
            }
        }
        Optional<Long> id;
        try {
            id = Optional.ofNullable(given.get("id")).map(Long::parseLong);
        } catch (NumberFormatException e) {
            HttpErrorsConfiguration.badRequest(exchange, "id must be a dead letter's numeric id");
            return Optional.empty();
        }
        Optional<String> target = Optional.ofNullable(given.get("target"));
        if (target.isPresent() && !DeliveryTargets.ROUTES.equals(target.get()) && engine.targets().find(target.get()).isEmpty()) {
            HttpErrorsConfiguration.badRequest(exchange, "no delivery target named " + target.get());
            return Optional.empty();
        }
        return Optional.of(new DeadLetterQuery(id, target, Optional.ofNullable(given.get("reason"))));
    }
}
