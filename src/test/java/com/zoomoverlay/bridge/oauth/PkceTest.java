package com.zoomoverlay.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void challenge_is_rfc_7636_s256() {
        // RFC 7636, appendix B
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiers_and_states_are_43_unreserved_characters() {
        Pkce pkce = new Pkce();
        assertThat(pkce.newVerifier()).matches("[A-Za-z0-9_-]{43}");
        assertThat(pkce.newState()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(pkce.newState());
    }
}
