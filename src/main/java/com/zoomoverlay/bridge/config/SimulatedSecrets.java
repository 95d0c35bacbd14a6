package com.zoomoverlay.bridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets generated for {@code --simulate}: created once under {@code DATA_DIR} (owner-only) and reused,
 * so a restart can still read its stored tokens and the console password stays the same.
 */
public record SimulatedSecrets(Secret adminToken, Secret tokenEncryptionKey) {

    public static final String FILE_NAME = "simulate-secrets.properties";

    public static SimulatedSecrets loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(dataDir, file);
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            return new SimulatedSecrets(new Secret(p.getProperty("admin-token")),
                    new Secret(p.getProperty("token-encryption-key")));
        } catch (IOException e) {
            throw new InvalidSettingException("DATA_DIR", "is not writable for the simulator's generated secrets");
        }
    }

    private static void create(Path dataDir, Path file) throws IOException {
        Files.createDirectories(dataDir);
        SecureRandom random = new SecureRandom();
        Properties p = new Properties();
        p.setProperty("admin-token", randomBase64Url(random, 24));
        p.setProperty("token-encryption-key", Base64.getEncoder().encodeToString(randomBytes(random, 32)));
        Path tmp = Files.createTempFile(dataDir, "simulate", ".tmp");
        ownerOnly(tmp);
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            p.store(out, "generated for --simulate; never used against real Zoom");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot restrict permissions of " + path.getFileName()));
        }
    }

    private static String randomBase64Url(SecureRandom random, int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random, bytes));
    }

    private static byte[] randomBytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
