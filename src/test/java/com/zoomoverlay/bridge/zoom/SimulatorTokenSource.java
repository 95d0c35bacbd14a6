package com.zoomoverlay.bridge.zoom;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.zoomoverlay.bridge.oauth.AccessTokenSource;
import com.zoomoverlay.bridge.oauth.ReauthorizationRequiredException;
import com.zoomoverlay.bridge.simulator.ZoomSimulator;

/**
 * Test fixture standing in for the OAuth concern's token source: real access tokens issued by the
 * running simulator (so its Event WebSocket accepts or rejects them as Zoom would), a single-flight
 * refresh, and a switch to make the next refresh find the grant gone.
 */
final class SimulatorTokenSource implements AccessTokenSource {

    private final Supplier<ZoomSimulator> simulator;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile String current;
    private volatile boolean grantRevoked;
    private volatile boolean reauthorizationRequired;
    private CompletableFuture<String> inFlight;

    SimulatorTokenSource(Supplier<ZoomSimulator> simulator) {
        this.simulator = simulator;
    }

    /** A person logging in: a fresh token, and everyone waiting for one is told. */
    String login() {
        reauthorizationRequired = false;
        grantRevoked = false;
        current = issue();
        listeners.forEach(Runnable::run);
        return current;
    }

    /** The next refresh fails as Zoom's {@code invalid_grant} would. */
    void revokeGrant() {
        grantRevoked = true;
    }

    int refreshes() {
        return refreshes.get();
    }

    List<String> issued() {
        return issued;
    }

    @Override
    public Optional<String> currentAccessToken() {
        return Optional.ofNullable(current);
    }

    @Override
    public synchronized CompletableFuture<String> refresh(String reason) {
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        refreshes.incrementAndGet();
        if (grantRevoked) {
            reauthorizationRequired = true;
            current = null;
            inFlight = CompletableFuture.failedFuture(new ReauthorizationRequiredException("grant revoked"));
            return inFlight;
        }
        inFlight = CompletableFuture.supplyAsync(() -> {
            current = issue();
            listeners.forEach(Runnable::run);
            return current;
        });
        return inFlight;
    }

    @Override
    public boolean reauthorizationRequired() {
        return reauthorizationRequired;
    }

    @Override
    public void onNewToken(Runnable listener) {
        listeners.add(listener);
    }

    private String issue() {
        String token = simulator.get().tokens().issueAccessToken(Duration.ofHours(1), List.of("websocket")).value();
        issued.add(token);
        return token;
    }
}
