package com.zoomoverlay.bridge.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one target's outbox in order: the oldest pending delivery goes first and nothing overtakes it
 * while it is retried. Called by that target's scheduler route, so a slow target never holds up another.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Gives the scheduler thread back now and then, so shutdown and other work are not starved. */
    private static final int MAX_PER_POLL = 200;

    private final WebhookTarget target;
    private final String endpointUri;
    private final Outbox outbox;
    private final RetryPolicy policy;
    private final ProducerTemplate producer;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private volatile String lastError;

    public WebhookDispatcher(WebhookTarget target, String endpointUri, Outbox outbox, RetryPolicy policy,
            ProducerTemplate producer, DeliveryMetrics metrics, Clock clock) {
        this.target = target;
        this.endpointUri = endpointUri;
        this.outbox = outbox;
        this.policy = policy;
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Delivers what is due for this target, stopping at the first delivery that must wait. */
    public void dispatchDue() {
        for (int i = 0; i < MAX_PER_POLL; i++) {
            Optional<Outbox.Delivery> head = outbox.head(target.name());
            if (head.isEmpty() || head.get().nextAttemptAt().isAfter(clock.instant())) {
                return;
            }
            if (!attempt(head.get())) {
                return;
            }
        }
    }

    public String lastError() {
        return lastError;
    }

    /** One attempt; true when the queue may move on (delivered or dead-lettered). */
    private boolean attempt(Outbox.Delivery d) {
        Instant firstAttempt = d.firstAttemptAt() == null ? clock.instant() : d.firstAttemptAt();
        int attempts = d.attempts() + 1;
        Result result = send(d);
        Instant now = clock.instant();
        if (result.status >= 200 && result.status < 300) {
            outbox.markDelivered(d.id(), attempts, now);
            metrics.count("delivered", target.name(), d.eventType());
            if (d.eventTs() != null) {
                metrics.latency(target.name(), Duration.between(Instant.ofEpochMilli(d.eventTs()), now));
            }
            lastError = null;
            return true;
        }
        lastError = result.error;
        if (result.status != 0 && !RetryPolicy.retryable(result.status)) {
            return deadLetter(d, attempts, firstAttempt, now, result.error);
        }
        Instant next = now.plus(policy.delayAfter(attempts, result.retryAfter));
        if (policy.exhausted(firstAttempt, next)) {
            return deadLetter(d, attempts, firstAttempt, now, result.error + " (retry window over)");
        }
        outbox.scheduleRetry(d.id(), attempts, firstAttempt, next, result.error);
        metrics.count("retried", target.name(), d.eventType());
        LOG.info("webhook delivery failed target={} webhookId={} attempt={} error=\"{}\" nextAttemptAt={}",
                target.name(), d.webhookId(), attempts, result.error, next);
        return false;
    }

    private boolean deadLetter(Outbox.Delivery d, int attempts, Instant firstAttempt, Instant now, String error) {
        outbox.markDead(d.id(), attempts, firstAttempt, now, error);
        metrics.count("failed", target.name(), d.eventType());
        metrics.count("dead_lettered", target.name(), d.eventType());
        LOG.warn("webhook dead-lettered target={} webhookId={} attempts={} error=\"{}\"",
                target.name(), d.webhookId(), attempts, error);
        return true;
    }

    private Result send(Outbox.Delivery d) {
        AtomicInteger inFlight = metrics.inFlight(target.name());
        inFlight.incrementAndGet();
        try {
            long timestamp = clock.instant().getEpochSecond();
            Exchange reply = producer.send(endpointUri, exchange -> {
                exchange.getMessage().setBody(d.body());
                exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setHeader("webhook-id", d.webhookId());
                exchange.getMessage().setHeader("webhook-timestamp", String.valueOf(timestamp));
                exchange.getMessage().setHeader("webhook-signature",
                        WebhookSigner.sign(target.secret(), d.webhookId(), timestamp, d.body()));
            });
            if (reply.getException() != null) {
                return new Result(0, "connection failed: " + reply.getException().getClass().getSimpleName(), Optional.empty());
            }
            int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            return new Result(status, "HTTP " + status, retryAfter(reply.getMessage().getHeader("Retry-After", String.class)));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Retry-After as delta-seconds or an HTTP date. */
    private Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private record Result(int status, String error, Optional<Duration> retryAfter) {
    }
}
