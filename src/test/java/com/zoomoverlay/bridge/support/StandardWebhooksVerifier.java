package com.zoomoverlay.bridge.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check, written from the Standard Webhooks spec (not from the bridge's code): the
 * signature header holds space-separated {@code v1,<base64>} entries; one must equal HMAC-SHA256 of
 * {@code id.timestamp.body} under the base64 key after {@code whsec_}; the timestamp must be recent.
 */
public final class StandardWebhooksVerifier {

    private final byte[] key;
    private final Duration tolerance;

    public StandardWebhooksVerifier(String whsecSecret, Duration tolerance) {
        this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        this.tolerance = tolerance;
    }

    /** Throws with the reason when a receiver following the spec would reject the request. */
    public void verify(String id, String timestamp, String signatureHeader, String body, Instant now) throws Exception {
        if (id == null || timestamp == null || signatureHeader == null) {
            throw new IllegalArgumentException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
            throw new IllegalArgumentException("timestamp outside tolerance");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String entry : signatureHeader.split(" ")) {
            String[] parts = entry.split(",", 2);
            if (parts.length == 2 && "v1".equals(parts[0])
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return;
            }
        }
        throw new IllegalArgumentException("no matching v1 signature");
    }
}
