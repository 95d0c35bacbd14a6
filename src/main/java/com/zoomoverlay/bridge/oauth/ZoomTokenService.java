package com.zoomoverlay.bridge.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.zoomoverlay.bridge.oauth.TokenEndpoint.Granted;
import com.zoomoverlay.bridge.retry.Backoff;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the bridge's Zoom grant and keeps it fresh: loads it at start, refreshes it single-flight with
 * retries on transient failures, stores every new token before anyone uses it, and stops asking Zoom
 * once the grant is gone ({@link #reauthorizationRequired()}). The bridge's {@link AccessTokenSource}.
 */
public final class ZoomTokenService extends ServiceSupport implements AccessTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomTokenService.class);
    private static final Pattern SAFE_REASON = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final long FOLLOW_POLL_MS = 100;
    /** Each retry waits 80-100 % of its ceiling: replicas and restarts do not hit Zoom in step. */
    private static final double BACKOFF_JITTER = 0.2;

    private final CamelContext camel;
    private final TokenStore store;
    private final TokenEndpoint endpoint;
    private final GrantForms forms;
    private final OAuthSettings settings;
    private final OAuthMetrics metrics;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RefreshClaim claim;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<StoredToken> current = new AtomicReference<>();
    private volatile boolean reauthorizationRequired;
    private volatile Instant refreshDueAt = Instant.MAX;
    private volatile Instant retryNotBefore = Instant.MIN;
    private volatile StoredToken unsaved;
    private volatile long storeVersion;
    private ScheduledExecutorService executor;
    private long generation; // guarded by this: bumped by every login, so a refresh racing a login cannot undo it
    private CompletableFuture<String> inFlight; // guarded by this
    /** The token request on the wire, until its answer is handled (tokens stored); guarded by this. */
    private CompletableFuture<Void> onTheWire;
    private boolean stopping; // guarded by this
    /** How much longer than the request's own timeout a stop waits for its answer to be handled. */
    private static final long STOP_MARGIN_MS = 1_000;

    ZoomTokenService(CamelContext camel, TokenStore store, TokenEndpoint endpoint, GrantForms forms,
                     OAuthSettings settings, OAuthMetrics metrics, Clock clock) {
        this.camel = camel;
        this.store = store;
        this.endpoint = endpoint;
        this.forms = forms;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.claim = new RefreshClaim(store, clock, settings, random);
    }

    @Override
    protected void doStart() {
        synchronized (this) {
            stopping = false;
        }
        executor = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "oauth-refresh");
        loadFromStore();
    }

    /** True when a token was adopted from the store. */
    private synchronized boolean loadFromStore() {
        storeVersion = store.version();
        try {
            Optional<StoredToken> stored = store.load();
            stored.ifPresent(token -> {
                adopt(token);
                reauthorizationRequired = false;
            });
            return stored.isPresent();
        } catch (UnreadableTokenException e) {
            // Never a crash loop: start, say so once, and let the next login overwrite the record.
            reauthorizationRequired = true;
            LOG.warn("oauth stored token unreadable reason=\"{}\" action=\"log in again at /oauth/login\"", e.getMessage());
            return false;
        }
    }

    /**
     * Lets a token request that is on the wire finish and its tokens be stored first: once Zoom answers a
     * refresh, the old refresh token is dead, and the store stops after this service (services stop in the
     * reverse order of their start). Bounded by the request's own timeout; a refresh waiting out a backoff
     * is not waited for (nothing was rotated).
     */
    @Override
    protected void doStop() {
        CompletableFuture<Void> wire;
        synchronized (this) {
            stopping = true;
            wire = onTheWire;
        }
        if (wire != null && !wire.isDone()) {
            try {
                wire.get(settings.tokenTimeout().toMillis() + STOP_MARGIN_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("oauth token request still unanswered at stop action=\"stopping anyway; if it was a refresh, log in again after the restart should Zoom have rotated the token\"");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // cannot happen: the future is only ever completed normally
            }
        }
        if (executor != null) {
            camel.getExecutorServiceManager().shutdownNow(executor);
        }
    }

    @Override
    public Optional<String> currentAccessToken() {
        StoredToken token = current.get();
        if (token == null || reauthorizationRequired || !token.validAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(token.accessToken());
    }

    @Override
    public boolean reauthorizationRequired() {
        return reauthorizationRequired;
    }

    @Override
    public void onNewToken(Runnable listener) {
        listeners.add(listener);
    }

    public Optional<StoredToken> current() {
        return Optional.ofNullable(current.get());
    }

    public boolean serverToServer() {
        return forms.serverToServer();
    }

    @Override
    public synchronized CompletableFuture<String> refresh(String reason) {
        if (inFlight != null) {
            return inFlight;
        }
        if (reauthorizationRequired) {
            return CompletableFuture.failedFuture(new ReauthorizationRequiredException("Zoom authorization is gone: log in at /oauth/login"));
        }
        Optional<Map<String, String>> form = forms.refresh(current.get());
        if (form.isEmpty()) {
            return CompletableFuture.failedFuture(new ReauthorizationRequiredException("not authorized yet: log in at /oauth/login"));
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        inFlight = result;
        long startedIn = generation;
        LOG.info("oauth refresh starting reason={}", reason != null && SAFE_REASON.matcher(reason).matches() ? reason : "other");
        executor.execute(() -> attempt(result, form.get(), startedIn, 1));
        return result;
    }

    /**
     * One cheap look at the shared store (its version number), on every replica about once a second:
     * a grant stored elsewhere (a login on another replica, the previous leader's refresh) is adopted
     * and announced, so a waiting Zoom consumer connects at once and {@code /oauth/status} is current.
     */
    public void watchStore() {
        if (refreshing() || unsaved != null) {
            return; // our own write is on its way: the store is about to carry it
        }
        long version;
        try {
            version = store.version();
        } catch (RuntimeException e) {
            return; // the store health check reports the outage; the next look tries again
        }
        if (version == storeVersion) {
            return;
        }
        LOG.info("oauth stored token changed elsewhere (a login or refresh on another replica): reloading");
        if (loadFromStore()) {
            notifyListeners();
        }
    }

    /** One look by the timer route: refresh when the token is due (or, Server-to-Server, missing). */
    public void tick() {
        retryUnsaved();
        watchStore();
        Instant now = clock.instant();
        if (reauthorizationRequired || refreshing() || now.isBefore(retryNotBefore)) {
            return;
        }
        StoredToken token = current.get();
        boolean due = token == null ? forms.serverToServer() : !now.isBefore(refreshDueAt);
        if (due) {
            refresh("timer");
        }
    }

    /** Exchanges an authorization code (the callback's job). Tokens are stored before this returns. */
    public TokenEndpoint.Result completeLogin(String code, String verifier) {
        TokenEndpoint.Result result = endpoint.request(forms.authorizationCode(code, verifier));
        if (result instanceof Granted granted) {
            install(granted, null);
            LOG.info("oauth authorized grant=authorization_code expiresIn={}s scopes={}", granted.expiresIn().toSeconds(),
                    String.join(",", granted.scopes()));
            notifyListeners();
        }
        return result;
    }

    private synchronized boolean refreshing() {
        return inFlight != null;
    }

    private void attempt(CompletableFuture<String> result, Map<String, String> form, long startedIn, int attempt) {
        RefreshClaim.Taken claimed = claim.take(form, storeVersion);
        if (claimed == RefreshClaim.Taken.HELD_ELSEWHERE) {
            follow(result, form, startedIn, attempt, claim.heldElsewhereUntil());
            return;
        }
        CompletableFuture<Void> wire = new CompletableFuture<>();
        synchronized (this) {
            if (stopping) {
                finish(result, null, new IllegalStateException("the bridge is stopping"));
                return;
            }
            onTheWire = wire;
        }
        try {
            TokenEndpoint.Result answer;
            try {
                answer = claimed == RefreshClaim.Taken.OURS ? endpoint.request(form)
                        : new TokenEndpoint.Transient("token store unavailable", Optional.empty());
            } catch (RuntimeException e) {
                answer = new TokenEndpoint.Transient(e.getClass().getSimpleName(), Optional.empty());
            }
            if (answer instanceof Granted granted) {
                StoredToken token = install(granted, startedIn);
                metrics.refresh(OAuthMetrics.Refresh.SUCCESS);
                LOG.info("oauth token refreshed grant={} expiresIn={}s attempt={}", token.grantType(),
                        granted.expiresIn().toSeconds(), attempt);
                finish(result, token.accessToken(), null);
                notifyListeners();
            } else if (answer instanceof TokenEndpoint.Transient failure) {
                retryOrGiveUp(result, form, startedIn, attempt, failure);
            } else {
                giveUpOnGrant(result, answer);
            }
        } finally {
            wire.complete(null);
        }
    }

    /**
     * Another replica holds the claim on the refresh token: take its result from the store (a look every
     * 100 ms while it runs) instead of spending the token a second time; claim it once the claim ran out.
     */
    private void follow(CompletableFuture<String> result, Map<String, String> form, long startedIn, int attempt,
                        Instant claimRunsOut) {
        long version;
        try {
            version = store.version();
        } catch (RuntimeException e) {
            version = storeVersion;
        }
        if (version != storeVersion) {
            if (loadFromStore()) {
                LOG.info("oauth token refreshed by another replica: adopted from the store");
                finish(result, current.get().accessToken(), null);
                notifyListeners();
            } else {
                finish(result, null, new ReauthorizationRequiredException("the stored grant is unreadable: log in again at /oauth/login"));
            }
        } else if (!clock.instant().isBefore(claimRunsOut)) {
            attempt(result, form, startedIn, attempt);
        } else {
            executor.schedule(() -> follow(result, form, startedIn, attempt, claimRunsOut), FOLLOW_POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void retryOrGiveUp(CompletableFuture<String> result, Map<String, String> form, long startedIn, int attempt,
                               TokenEndpoint.Transient failure) {
        Duration delay = backoff(attempt, failure.retryAfter());
        StoredToken token = current.get();
        Instant now = clock.instant();
        boolean stillValid = token == null || now.plus(delay).isBefore(token.expiresAt());
        if (attempt < settings.maxAttempts() && stillValid) {
            metrics.refresh(OAuthMetrics.Refresh.RETRY);
            LOG.info("oauth token request failed reason=\"{}\" attempt={} retryInMs={}", failure.reason(), attempt, delay.toMillis());
            executor.schedule(() -> attempt(result, form, startedIn, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        metrics.refresh(OAuthMetrics.Refresh.FAILED);
        Duration pause = failure.retryAfter().filter(d -> d.compareTo(settings.roundBackoff()) > 0).orElse(settings.roundBackoff());
        retryNotBefore = now.plus(pause);
        LOG.warn("oauth refresh gave up reason=\"{}\" attempts={} nextTryInS={}", failure.reason(), attempt, pause.toSeconds());
        finish(result, null, new IllegalStateException("Zoom token endpoint unavailable (" + failure.reason() + ")"));
    }

    private void giveUpOnGrant(CompletableFuture<String> result, TokenEndpoint.Result answer) {
        reauthorizationRequired = true;
        if (answer instanceof TokenEndpoint.Rejected rejected) {
            metrics.refresh(OAuthMetrics.Refresh.REJECTED);
            LOG.warn("oauth token request refused status={} error={} action=\"check PROD_CLIENT_ID/PROD_CLIENT_SECRET, then log in again\"",
                    rejected.status(), rejected.error());
        } else {
            metrics.refresh(OAuthMetrics.Refresh.INVALID_GRANT);
            LOG.warn("oauth grant revoked error=invalid_grant action=\"log in again at /oauth/login\"");
        }
        finish(result, null, new ReauthorizationRequiredException("Zoom refused the grant: log in again at /oauth/login"));
    }

    /** Persist, then use: the new tokens are written before they become current or anyone hears of them. */
    private StoredToken install(Granted granted, Long refreshStartedIn) {
        Instant now = clock.instant();
        StoredToken previous = current.get();
        boolean isRefresh = refreshStartedIn != null;
        List<String> scopes = granted.scopes().isEmpty() && previous != null ? previous.scopes() : granted.scopes();
        StoredToken next = new StoredToken(granted.accessToken(), granted.refreshToken(), now.plus(granted.expiresIn()),
                scopes, now, isRefresh ? Optional.of(now) : Optional.empty(), forms.grantType());
        synchronized (this) {
            if (isRefresh && refreshStartedIn != generation) {
                return current.get(); // a login replaced the grant while this refresh ran: the login wins
            }
            persist(next);
            adopt(next);
            reauthorizationRequired = false;
            retryNotBefore = Instant.MIN;
            if (!isRefresh) {
                generation++;
            }
        }
        return next;
    }

    private void adopt(StoredToken token) {
        current.set(token);
        // 80-90 % of the lifetime, jittered so replicas and restarts do not line up on Zoom.
        long lifetimeMs = token.lifetime().toMillis();
        refreshDueAt = token.obtainedAt().plusMillis((long) (lifetimeMs * (0.80 + random.nextDouble() * 0.10)));
    }

    private void persist(StoredToken token) {
        try {
            store.save(token);
            storeVersion = store.version();
            unsaved = null;
        } catch (RuntimeException e) {
            // The old refresh token is already dead at Zoom: keep the new one in memory and retry the write.
            unsaved = token;
            LOG.error("oauth token store write failed error={} action=\"keeping the token in memory, retrying the write\"",
                    e.getClass().getSimpleName());
        }
    }

    private void retryUnsaved() {
        StoredToken pending = unsaved;
        if (pending != null && pending == current.get()) {
            persist(pending);
        }
    }

    /** Our wait before attempt {@code attempt + 1}, or Zoom's {@code Retry-After} when that is longer (even past the cap). */
    private Duration backoff(int attempt, Optional<Duration> retryAfter) {
        Duration ours = Backoff.upTo(settings.initialBackoff(), settings.maxBackoff(), BACKOFF_JITTER).delay(attempt - 1, random);
        return retryAfter.filter(d -> d.compareTo(ours) > 0).orElse(ours);
    }

    private void finish(CompletableFuture<String> result, String token, Throwable failure) {
        synchronized (this) {
            inFlight = null;
        }
        if (failure == null) {
            result.complete(token);
        } else {
            result.completeExceptionally(failure);
        }
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("oauth new-token listener failed error={}", e.getClass().getSimpleName());
            }
        }
    }
}
