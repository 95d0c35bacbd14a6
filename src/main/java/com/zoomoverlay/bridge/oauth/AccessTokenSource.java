package com.zoomoverlay.bridge.oauth;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the rest of the bridge needs from OAuth: the current Zoom access token, a single-flight refresh,
 * and whether a person must log in again. Bound in the registry as {@link #BEAN_NAME}.
 */
public interface AccessTokenSource {

    String BEAN_NAME = "accessTokenSource";

    /** The current access token, when the bridge is authorized and the token has not expired. */
    Optional<String> currentAccessToken();

    /**
     * Refreshes now. Concurrent callers share one token request and its result. Fails with
     * {@link ReauthorizationRequiredException} when Zoom says the grant is gone.
     */
    CompletableFuture<String> refresh(String reason);

    /** True once a refresh got {@code invalid_grant} (or the stored token is unreadable) until the next login. */
    boolean reauthorizationRequired();

    /** Called (on any thread) after a new access token was stored: a login, a refresh. */
    void onNewToken(Runnable listener);
}
