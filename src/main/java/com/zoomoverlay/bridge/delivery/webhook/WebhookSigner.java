package com.zoomoverlay.bridge.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.zoomoverlay.bridge.config.Secret;

/**
 * Standard Webhooks signatures: {@code v1,} + base64 HMAC-SHA256 over {@code id.timestamp.body}, keyed with
 * the base64-decoded part of the {@code whsec_} secret, so receivers verify with the spec's own libraries.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String sign(Secret secret, String webhookId, long timestampSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(secret.reveal().substring("whsec_".length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
