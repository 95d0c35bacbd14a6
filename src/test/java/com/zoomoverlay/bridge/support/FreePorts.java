package com.zoomoverlay.bridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Ports for servers that must be told their port before they bind: the bridge, in this JVM or a child one.
 * It cannot bind port 0 and report the port: {@code PORT} is 1-65535 by contract, and the simulator's URLs and
 * the default OAuth redirect URI are made from it before the HTTP server starts. (Servers that can bind port 0
 * themselves, the Vert.x ones and the JDK {@code HttpServer} of {@link TestReceiver}, do so and report it.)
 *
 * <p>Opening {@code new ServerSocket(0)}, closing it and handing the port on is a race: the kernel gives that
 * ephemeral port to the next socket that asks (an outgoing connection, another build's free-port helper) before
 * the server binds it. Race-free instead: a port below the kernel's ephemeral range
 * ({@code ip_local_port_range}), which no port-0 bind and no outgoing connection is ever given, claimed by an
 * exclusive lock on a file per port under {@code java.io.tmpdir} held for the life of this JVM (parallel builds
 * on the machine skip each other's ports; the OS drops the locks when the JVM ends, however it ends), and
 * bindable when claimed. A claimed port is not handed out again in this JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "zoom-overlay-bridge-test-ports");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Kept open: closing a channel releases its lock. */
    private static final Map<Integer, FileChannel> HELD = new HashMap<>();

    private FreePorts() {
    }

    /** A port no other socket on this machine is given until this JVM ends (barring one configured to it). */
    public static synchronized int claim() {
        int highest = ephemeralStart() - 1;
        int span = highest - LOWEST + 1;
        if (span < 1_000) {
            throw new IllegalStateException("the ephemeral port range starts at " + (highest + 1)
                    + ": too few ports below it for tests");
        }
        int start = RANDOM.nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (!HELD.containsKey(port) && lock(port)) {
                if (bindable(port)) {
                    return port;
                }
                release(port);
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + highest);
    }

    private static boolean lock(int port) {
        try {
            Files.createDirectories(LOCKS);
            FileChannel channel = FileChannel.open(LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            HELD.put(port, channel);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock a port under " + LOCKS, e);
        }
    }

    private static void release(int port) {
        try {
            HELD.remove(port).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On the wildcard address with SO_REUSEADDR, as the bridge's Vert.x server binds. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** Linux's first ephemeral port; elsewhere (macOS: 49152) 32768 is below the range too. */
    private static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                // read as a stream: /proc reports a size of 0, and a read sized by it comes back short
                return Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException unreadable) {
            // the usual default below
        }
        return DEFAULT_EPHEMERAL_START;
    }
}
