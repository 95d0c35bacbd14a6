package com.zoomoverlay.bridge.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import com.zoomoverlay.bridge.http.security.OriginPolicy.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which state-changing requests count as the bridge's own, header by header. */
class OriginPolicyTest {

    /** A bridge behind a proxy: public https name in the redirect URI, reached inside as bridge:8080. */
    private final OriginPolicy policy = OriginPolicy.forRedirectUri(URI.create("https://bridge.example.com/oauth/callback"));

    @ParameterizedTest(name = "Origin {0} to Host {1} is the bridge''s own")
    @CsvSource({
            "https://bridge.example.com, bridge:8080",        // the public name, whatever Host the proxy sends
            "https://BRIDGE.example.com, bridge:8080",        // host names are case-insensitive
            "https://bridge.example.com:443, bridge:8080",    // the default port spelled out
            "http://bridge:8080, bridge:8080",                // opened directly, by the name it answers on
            "http://192.168.1.20:8080, 192.168.1.20:8080",    // a venue LAN address
            "https://bridge.example.com, bridge.example.com", // a proxy that passes Host on
            "http://localhost, localhost:80",                 // Host with its default port
            "http://[::1]:8080, [::1]:8080",                  // IPv6 literal
    })
    void own_origins_are_accepted(String origin, String host) {
        assertThat(policy.check(origin, null, host, false)).isEmpty();
    }

    @ParameterizedTest(name = "Origin {0} to Host {1} is foreign")
    @CsvSource({
            "https://evil.example, bridge:8080",
            "http://bridge.example.com, bridge:8080",           // the public name over plain http is another origin
            "https://bridge.example.com:8443, bridge:8080",     // another port
            "https://sub.bridge.example.com, bridge:8080",      // a sub-domain
            "https://bridge.example.com.evil.example, bridge:8080",
            "http://localhost:3000, localhost:8080",            // another app on the same machine
            "null, bridge:8080",                                // sandboxed frame, file: page, privacy redirect
            "https://bridge.example.com/path, bridge:8080",     // not an origin at all
            "'', bridge:8080",
    })
    void foreign_origins_are_refused(String origin, String host) {
        assertThat(policy.check(origin, null, host, false)).contains(Refusal.FOREIGN_ORIGIN);
        // Bearer does not make a foreign page's request acceptable.
        assertThat(policy.check(origin, null, host, true)).contains(Refusal.FOREIGN_ORIGIN);
    }

    @Test
    void fetch_metadata_decides_without_an_origin() {
        assertThat(policy.check(null, "same-origin", "bridge:8080", false)).isEmpty();
        assertThat(policy.check(null, "none", "bridge:8080", false)).isEmpty(); // typed URL, bookmark
        assertThat(policy.check(null, "cross-site", "bridge:8080", false)).contains(Refusal.CROSS_SITE);
        assertThat(policy.check(null, "Cross-Site", "bridge:8080", true)).contains(Refusal.CROSS_SITE);
        assertThat(policy.check(null, "same-site", "bridge:8080", false)).contains(Refusal.SAME_SITE);
        assertThat(policy.check(null, "something-new", "bridge:8080", false)).contains(Refusal.CROSS_SITE);
    }

    @Test
    void both_headers_must_agree() {
        assertThat(policy.check("http://bridge:8080", "same-origin", "bridge:8080", false)).isEmpty();
        assertThat(policy.check("http://bridge:8080", "cross-site", "bridge:8080", false)).contains(Refusal.CROSS_SITE);
        assertThat(policy.check("https://evil.example", "same-origin", "bridge:8080", false)).contains(Refusal.FOREIGN_ORIGIN);
    }

    @Test
    void without_either_header_only_a_bearer_token_is_accepted() {
        assertThat(policy.check(null, null, "bridge:8080", true)).isEmpty();
        assertThat(policy.check(null, null, "bridge:8080", false)).contains(Refusal.NO_ORIGIN);
        assertThat(policy.check(null, null, null, false)).contains(Refusal.NO_ORIGIN);
    }

    @Test
    void the_redirect_uri_port_is_part_of_the_origin() {
        OriginPolicy local = OriginPolicy.forRedirectUri(URI.create("http://localhost:8080/oauth/callback"));
        assertThat(local.check("http://localhost:8080", null, "127.0.0.1:8080", false)).isEmpty();
        assertThat(local.check("http://localhost:9090", null, "127.0.0.1:8080", false)).isEqualTo(Optional.of(Refusal.FOREIGN_ORIGIN));
    }
}
