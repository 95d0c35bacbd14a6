package com.zoomoverlay.bridge.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hex_is_the_standard_digest_in_lower_case() {
        // FIPS 180-2 test vectors
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void text_is_hashed_as_utf8() {
        assertThat(Sha256.hex("zoom é")).isEqualTo("0447a69f9f00da926597ab2cef45b6f04de97d10ee86bc18f8e7d6c0e788eff6");
        assertThat(Sha256.of("zoom é".getBytes(StandardCharsets.UTF_8))).hasSize(32);
    }
}
