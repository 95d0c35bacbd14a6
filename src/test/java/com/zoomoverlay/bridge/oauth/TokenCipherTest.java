package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import com.zoomoverlay.bridge.config.Secret;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final Secret A = new Secret(StandaloneZoom.KEY_A);
    private static final Secret B = new Secret(StandaloneZoom.KEY_B);

    @Test
    void each_seal_uses_a_fresh_nonce_and_opens_back() {
        TokenCipher cipher = new TokenCipher(A, Optional.empty());
        String one = cipher.seal("sim_at_secret", "oauth_token/zoom");
        String two = cipher.seal("sim_at_secret", "oauth_token/zoom");
        assertThat(one).isNotEqualTo(two).doesNotContain("sim_at_secret").startsWith("v1.");
        assertThat(cipher.open(one, "oauth_token/zoom")).isEqualTo("sim_at_secret");
    }

    @Test
    void a_sealed_value_does_not_open_under_another_identity() {
        TokenCipher cipher = new TokenCipher(A, Optional.empty());
        String sealed = cipher.seal("value", "oauth_token/zoom");
        assertThatThrownBy(() -> cipher.open(sealed, "oauth_token/other")).isInstanceOf(UnreadableTokenException.class);
    }

    @Test
    void rotation_opens_with_the_previous_key_and_seals_with_the_new_one() {
        String underA = new TokenCipher(A, Optional.empty()).seal("value", "id");
        TokenCipher rotating = new TokenCipher(B, Optional.of(A));
        assertThat(rotating.open(underA, "id")).isEqualTo("value");
        String underB = rotating.seal("value", "id");
        assertThat(new TokenCipher(B, Optional.empty()).open(underB, "id")).isEqualTo("value");
        assertThatThrownBy(() -> new TokenCipher(A, Optional.empty()).open(underB, "id"))
                .isInstanceOf(UnreadableTokenException.class)
                .hasMessageNotContaining(StandaloneZoom.KEY_A);
    }

    @Test
    void tampered_or_foreign_values_are_unreadable_not_crashes() {
        TokenCipher cipher = new TokenCipher(A, Optional.empty());
        String sealed = cipher.seal("value", "id");
        String flipped = sealed.substring(0, sealed.length() - 3) + (sealed.charAt(sealed.length() - 3) == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> cipher.open(flipped, "id")).isInstanceOf(UnreadableTokenException.class);
        assertThatThrownBy(() -> cipher.open("plain text", "id")).isInstanceOf(UnreadableTokenException.class);
        assertThatThrownBy(() -> cipher.open("v1.!!", "id")).isInstanceOf(UnreadableTokenException.class);
        assertThatThrownBy(() -> cipher.open("v1.AAAA", "id")).isInstanceOf(UnreadableTokenException.class);
    }
}
