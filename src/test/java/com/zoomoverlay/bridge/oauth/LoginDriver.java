package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.zoomoverlay.bridge.support.TestBridge;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Plays the admin's browser through the login, one hop at a time, without following redirects. */
final class LoginDriver {

    /** What /oauth/login answered: where it sent the browser, and the cookie it set. */
    record Started(URI authorizeUrl, String setCookie, String cookieValue, Map<String, List<String>> params) {
        String state() {
            return params.get("state").get(0);
        }

        String cookieHeader() {
            return LoginFlow.COOKIE + "=" + cookieValue;
        }
    }

    private final TestBridge bridge;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    LoginDriver(TestBridge bridge, String adminToken) {
        this.bridge = bridge;
        this.adminToken = adminToken;
    }

    Started start() {
        return started(send(HttpRequest.newBuilder(bridge.uri("/oauth/login"))
                .header("Authorization", "Bearer " + adminToken).GET().build()));
    }

    /** As the console's Connect Zoom button does it: a form post with Basic credentials, from the bridge's origin. */
    Started startFromConsole() {
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + adminToken).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return started(send(HttpRequest.newBuilder(bridge.uri("/oauth/login"))
                .header("Authorization", "Basic " + basic)
                .header("Origin", "http://localhost:" + bridge.port())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build()));
    }

    private static Started started(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("login answer: %s", r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
        return new Started(URI.create(location), setCookie, value, new QueryStringDecoder(location).parameters());
    }

    /** Follows the authorize URL at the (simulated) Zoom; returns the callback URL it redirects to. */
    URI authorize(Started started) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(started.authorizeUrl()).GET().build());
        assertThat(r.statusCode()).as("authorize answer").isEqualTo(302);
        return URI.create(r.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> callback(URI callback, String cookieHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(callback).GET();
        if (cookieHeader != null) {
            b.header("Cookie", cookieHeader);
        }
        return send(b.build());
    }

    HttpResponse<String> callback(String pathAndQuery, String cookieHeader) {
        return callback(bridge.uri(pathAndQuery), cookieHeader);
    }

    /** The whole flow; asserts it ends authorized. */
    HttpResponse<String> login() {
        Started started = start();
        HttpResponse<String> r = callback(authorize(started), started.cookieHeader());
        assertThat(r.statusCode()).as("callback answer: %s", r.body()).isEqualTo(200);
        return r;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
