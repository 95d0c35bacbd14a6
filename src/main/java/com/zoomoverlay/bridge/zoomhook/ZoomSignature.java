package com.zoomoverlay.bridge.zoomhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zoom's webhook signature, scheme {@code v0}: {@code x-zm-signature} is {@code v0=} + hex
 * HMAC-SHA256(secret token, {@code v0:{x-zm-request-timestamp}:{raw body}}); the
 * {@code endpoint.url_validation} answer is hex HMAC-SHA256(secret token, plainToken). The simulator
 * signs with the same code the ingress verifies with.
 */
public final class ZoomSignature {

    public static final String PREFIX = "v0=";

    private final SecretKeySpec key;

    public ZoomSignature(String secretToken) {
        this.key = new SecretKeySpec(secretToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** {@code v0=<hex>} over the timestamp header and the raw body, as Zoom sends it. */
    public String sign(String timestamp, byte[] body) {
        Mac mac = mac();
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Whether {@code signature} is the one for this request; compared in constant time. */
    public boolean matches(String signature, String timestamp, byte[] body) {
        if (signature == null || timestamp == null) {
            return false;
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        // lower-case hex is what Zoom sends; the comparison itself must not leak where they differ
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@code encryptedToken} of Zoom's URL validation challenge. */
    public String encryptedToken(String plainToken) {
        return HexFormat.of().formatHex(mac().doFinal(plainToken.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }
}
