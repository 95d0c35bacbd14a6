package com.zoomoverlay.bridge.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bridge's one SHA-256: event ids and webhook ids ({@code events.EventKeys}), the stored hash of a login
 * {@code state} ({@code oauth.LoginStates}) and the PKCE S256 challenge ({@code oauth.Pkce}, which the simulator
 * checks with too). Not for keyed signatures: those are HMACs.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The digest of {@code text} in UTF-8, as 64 lower-case hex digits. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text.getBytes(StandardCharsets.UTF_8)));
    }
}
