package com.zoomoverlay.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import com.zoomoverlay.bridge.digest.Sha256;

/** RFC 7636 PKCE with S256, and the random {@code state} values of a login. */
public final class Pkce {

    private final SecureRandom random = new SecureRandom();

    /** 32 random bytes, base64url: 43 characters from the unreserved set, as RFC 7636 asks. */
    String newVerifier() {
        return randomBase64Url(32);
    }

    /** 32 random bytes, base64url: unguessable and single use. */
    String newState() {
        return randomBase64Url(32);
    }

    /** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))), unpadded; the simulated Zoom checks verifiers with it. */
    public static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private String randomBase64Url(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
