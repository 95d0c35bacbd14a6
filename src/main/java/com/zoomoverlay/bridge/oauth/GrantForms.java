package com.zoomoverlay.bridge.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.zoomoverlay.bridge.config.BridgeSettings;

/**
 * The form bodies of Zoom's token requests: the authorization-code exchange (with the PKCE verifier),
 * the rotating refresh, or, with {@code ZOOM_ACCOUNT_ID} set, the Server-to-Server
 * {@code account_credentials} grant (no browser, no refresh token).
 */
final class GrantForms {

    static final String AUTHORIZATION_CODE = "authorization_code";
    static final String ACCOUNT_CREDENTIALS = "account_credentials";

    private final BridgeSettings.Zoom zoom;

    GrantForms(BridgeSettings.Zoom zoom) {
        this.zoom = zoom;
    }

    boolean serverToServer() {
        return zoom.accountId().isPresent();
    }

    String grantType() {
        return serverToServer() ? ACCOUNT_CREDENTIALS : AUTHORIZATION_CODE;
    }

    Map<String, String> authorizationCode(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", AUTHORIZATION_CODE);
        form.put("code", code);
        form.put("redirect_uri", zoom.redirectUri().toString());
        form.put("code_verifier", verifier);
        return form;
    }

    /** The request that gets a new access token now, if the bridge holds what it needs to ask. */
    Optional<Map<String, String>> refresh(StoredToken current) {
        Map<String, String> form = new LinkedHashMap<>();
        if (serverToServer()) {
            form.put("grant_type", ACCOUNT_CREDENTIALS);
            form.put("account_id", zoom.accountId().get());
            return Optional.of(form);
        }
        if (current == null || current.refreshToken().isEmpty()) {
            return Optional.empty();
        }
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", current.refreshToken().get());
        return Optional.of(form);
    }
}
