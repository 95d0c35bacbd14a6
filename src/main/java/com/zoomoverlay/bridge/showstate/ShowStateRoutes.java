package com.zoomoverlay.bridge.showstate;

import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.cluster.ClusterModule;
import com.zoomoverlay.bridge.cluster.Leadership;
import com.zoomoverlay.bridge.config.Secret;
import com.zoomoverlay.bridge.http.reply.HttpErrorsConfiguration;
import com.zoomoverlay.bridge.http.reply.HttpReplies;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/meetings} and {@code GET /api/meetings/{id}} (the show state as JSON, guarded by
 * {@code OVERLAY_TOKEN} when set, as {@code ?token=} or {@code Authorization: Bearer}), the idle expiry
 * of meetings whose end was missed (leader), and a follower's catching up with the store.
 */
final class ShowStateRoutes extends RouteBuilder {

    private final ShowKeeper keeper;
    private final Optional<Secret> token;
    private final Leadership leadership;
    private final ShowSettings settings;

    ShowStateRoutes(ShowKeeper keeper, Optional<Secret> token, Leadership leadership, ShowSettings settings) {
        this.keeper = keeper;
        this.token = token;
        this.leadership = leadership;
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("platform-http:/api/meetings?httpMethodRestrict=GET,HEAD").routeId("showstate-meetings")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(exchange -> {
                    if (allowed(exchange)) {
                        HttpReplies.json(exchange, 200, Map.of("meetings", keeper.meetings()));
                    }
                });

        from("platform-http:/api/meetings/{id}?httpMethodRestrict=GET,HEAD").routeId("showstate-meeting")
                .routeConfigurationId(HttpErrorsConfiguration.ID)
                .process(this::one);

        from(leadership.leaderOnly(ClusterModule.GROUP, "scheduler:showstate-expire?delay=" + settings.expiryCheckMillis()
                + "&initialDelay=" + settings.expiryCheckMillis()))
                .routeId("showstate-expire")
                .process(exchange -> keeper.expireIdle());

        if (leadership.clustered()) {
            from("scheduler:showstate-follow?delay=" + settings.followerRefreshMillis()).routeId("showstate-follow")
                    .process(exchange -> {
                        if (!leadership.isLeader(ClusterModule.GROUP)) {
                            keeper.reloadPublished(true);
                        }
                    });
        }
    }

    private void one(Exchange exchange) {
        if (!allowed(exchange)) {
            return;
        }
        String id = exchange.getMessage().getHeader("id", String.class);
        var meeting = id == null ? Optional.<Map<String, Object>>empty() : keeper.meeting(id);
        if (meeting.isPresent()) {
            HttpReplies.json(exchange, 200, meeting.get());
        } else {
            HttpReplies.error(exchange, 404, "not_found", "No live meeting or webinar with this id.");
        }
    }

    private boolean allowed(Exchange exchange) {
        if (token.isEmpty()) {
            return true;
        }
        String given = exchange.getMessage().getHeader("token", String.class);
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
            given = authorization.substring("Bearer ".length()).trim();
        }
        if (token.get().matches(given)) {
            return true;
        }
        HttpReplies.error(exchange, 401, "unauthorized", "The show state needs ?token= or a Bearer token (OVERLAY_TOKEN).");
        return false;
    }
}
