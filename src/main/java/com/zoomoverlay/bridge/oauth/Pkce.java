package com.zoomoverlay.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 PKCE with S256, and the random {@code state} values of a login. */
final class Pkce {

    private final SecureRandom random = new SecureRandom();

    /** 32 random bytes, base64url: 43 characters from the unreserved set, as RFC 7636 asks. */
    String newVerifier() {
        return randomBase64Url(32);
    }

    /** 32 random bytes, base64url: unguessable and single use. */
    String newState() {
        return randomBase64Url(32);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String randomBase64Url(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
