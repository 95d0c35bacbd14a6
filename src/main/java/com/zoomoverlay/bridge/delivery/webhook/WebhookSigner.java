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
 * A sender keeps one signer: the key is decoded and the MAC looked up and keyed once per thread, not per
 * request (the provider lookup and key set-up were half of the signing cost in a burst).
 */
public final class WebhookSigner {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    public WebhookSigner(Secret secret) {
        this.key = new SecretKeySpec(Base64.getDecoder().decode(secret.reveal().substring("whsec_".length())), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    public static String sign(Secret secret, String webhookId, long timestampSeconds, String body) {
        return new WebhookSigner(secret).sign(webhookId, timestampSeconds, body);
    }

    public String sign(String webhookId, long timestampSeconds, String body) {
        // doFinal leaves the MAC keyed and reset, ready for the next request on this thread
        byte[] signed = mac.get().doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(signed);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
