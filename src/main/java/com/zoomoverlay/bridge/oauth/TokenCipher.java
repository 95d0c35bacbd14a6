package com.zoomoverlay.bridge.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.zoomoverlay.bridge.config.Secret;

/**
 * AES-256-GCM for what the bridge keeps at rest (tokens, PKCE verifiers): a fresh 96-bit nonce per
 * seal, the record's identity as associated data (so a sealed value copied onto another record does
 * not open), and key rotation by opening with the current key or the previous one while sealing
 * only with the current one.
 */
public final class TokenCipher {

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey current;
    private final Optional<SecretKey> previous;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(Secret currentKey, Optional<Secret> previousKey) {
        this.current = key(currentKey);
        this.previous = previousKey.map(TokenCipher::key);
    }

    /** Seals {@code plaintext} for the record named {@code identity}. */
    public String seal(String plaintext, String identity) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(identity.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Opens a sealed value with the current key, then the previous one.
     *
     * @throws UnreadableTokenException when no key opens it or it is not a sealed value at all
     */
    public String open(String sealed, String identity) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new UnreadableTokenException("not a sealed value");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableTokenException("sealed value is not base64");
        }
        if (raw.length <= NONCE_BYTES) {
            throw new UnreadableTokenException("sealed value is truncated");
        }
        List<SecretKey> keys = new ArrayList<>();
        keys.add(current);
        previous.ifPresent(keys::add);
        for (SecretKey key : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
                cipher.updateAAD(identity.getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                // wrong key or tampered record: try the next key
            }
        }
        throw new UnreadableTokenException("no configured key opens it (wrong TOKEN_ENCRYPTION_KEY or a corrupt record)");
    }

    private static SecretKey key(Secret base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.reveal());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
