package com.zoomoverlay.bridge.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the simulated token endpoint does wrong on purpose (fail with a status a number of times, answer
 * slowly, deny the next authorization), and what it has seen: token calls counted by grant type.
 */
public final class TokenEndpointFaults {

    /** One injected failure: the status to answer with and, for 429/503, a {@code Retry-After} in seconds. */
    public record Failure(int status, Optional<Integer> retryAfterSeconds) {
    }

    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger denials = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByGrantType = new ConcurrentHashMap<>();

    /** The next {@code times} token calls answer {@code status} (5xx, or 429 with a Retry-After). */
    public void failNext(int times, int status, Integer retryAfterSeconds) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, got " + status);
        }
        failure.set(new Failure(status, Optional.ofNullable(retryAfterSeconds)));
        failuresLeft.set(times);
    }

    public void failNext(int times, int status) {
        failNext(times, status, null);
    }

    /** Every token call waits this long before answering (zero for none). */
    public void slowBy(Duration value) {
        delay.set(value == null || value.isNegative() ? Duration.ZERO : value);
    }

    public Duration delay() {
        return delay.get();
    }

    /** The next {@code times} authorizations redirect with {@code error=access_denied}, as if the user said no. */
    public void denyNextAuthorizations(int times) {
        denials.set(times);
    }

    /** Clears every injected fault (counters stay). */
    public void clear() {
        failuresLeft.set(0);
        delay.set(Duration.ZERO);
        denials.set(0);
    }

    /** Takes one pending injected failure, if any. */
    Optional<Failure> takeFailure() {
        while (true) {
            int left = failuresLeft.get();
            if (left <= 0) {
                return Optional.empty();
            }
            if (failuresLeft.compareAndSet(left, left - 1)) {
                return Optional.ofNullable(failure.get());
            }
        }
    }

    boolean takeDenial() {
        return denials.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void recordCall(String grantType) {
        String key = grantType == null || grantType.isBlank() ? "none" : grantType;
        callsByGrantType.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Token calls received with this {@code grant_type} (faulted ones included). */
    public int tokenCalls(String grantType) {
        AtomicInteger n = callsByGrantType.get(grantType);
        return n == null ? 0 : n.get();
    }

    /** Every token call received. */
    public int tokenCalls() {
        return callsByGrantType.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public Map<String, Integer> tokenCallsByGrantType() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        callsByGrantType.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
