package com.zoomoverlay.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An admin's browser connecting Zoom on a simulating bridge: /oauth/login, the simulator's authorize
 * page, the callback, with cookies kept as a browser keeps them.
 */
public final class SimulatedLogin {

    private SimulatedLogin() {
    }

    /** {@code base} must use the redirect URI's host ({@code localhost}): the state cookie is bound to it. */
    public static void login(URI base, String adminToken) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(base.resolve("/oauth/login"))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("callback page after login").isEqualTo(200);
        assertThat(r.uri().getPath()).isEqualTo("/oauth/callback");
    }
}
