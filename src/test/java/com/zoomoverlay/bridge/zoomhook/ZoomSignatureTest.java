package com.zoomoverlay.bridge.zoomhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Zoom's v0 scheme, against values computed independently (Python's hmac module). */
class ZoomSignatureTest {

    private final ZoomSignature signature = new ZoomSignature("zoom-secret-token-for-tests");
    private final byte[] body = "{\"event\":\"meeting.started\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signs_v0_timestamp_and_raw_body_with_hmac_sha256_hex() {
        assertThat(signature.sign("1700000000", body))
                .isEqualTo("v0=0aecf29df5629f762831c757f445f2e42eda8a21df6dce4fb157041fcdbab8d2");
    }

    @Test
    void matches_only_the_exact_signature_timestamp_and_body() {
        String good = "v0=0aecf29df5629f762831c757f445f2e42eda8a21df6dce4fb157041fcdbab8d2";
        assertThat(signature.matches(good, "1700000000", body)).isTrue();
        assertThat(signature.matches(good, "1700000001", body)).isFalse();
        assertThat(signature.matches(good, "1700000000", "{\"event\":\"meeting.ended\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(signature.matches(good.replace("v0=", "v1="), "1700000000", body)).isFalse();
        assertThat(signature.matches(good.substring(0, 20), "1700000000", body)).isFalse();
        assertThat(signature.matches(null, "1700000000", body)).isFalse();
        assertThat(new ZoomSignature("another-secret").matches(good, "1700000000", body)).isFalse();
    }

    @Test
    void url_validation_token_is_hex_hmac_of_the_plain_token() {
        assertThat(signature.encryptedToken("qgg8vlvZRS6UYooatFL8Aw"))
                .isEqualTo("9d644a9fdedca2004fd16a8fa586497eb15eb3fc2fedf6dd3b0c4748fb78d655");
    }
}
