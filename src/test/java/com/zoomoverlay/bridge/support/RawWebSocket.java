package com.zoomoverlay.bridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket client at the byte level, for clients no library would be: one that completes the handshake
 * and then never reads, never answers a ping, or floods pings. Loopback only.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final byte[] PING = {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4}; // FIN+ping, masked, empty

    private final Socket socket;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Upgrades {@code path} and returns once the 101 is in; anything else throws with the answer's first line. */
    public static RawWebSocket open(int port, String path) throws IOException {
        return open(port, path, "127.0.0.1", "");
    }

    /**
     * As {@link #open(int, String)}, from the loopback address {@code from} (any 127.x.y.z on Linux, so a test
     * can be several clients) and with {@code extraHeaders} ("Name: value\r\n" lines).
     */
    public static RawWebSocket open(int port, String path, String from, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // a small window: what the bridge writes backs up quickly
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + extraHeaders
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no upgrade: " + head.toString().lines().findFirst().orElse("(closed)"));
        }
        return new RawWebSocket(socket);
    }

    /**
     * Sends up to {@code max} pings without reading anything; returns how many went out before the bridge
     * closed the connection, or -1 if all of them did.
     */
    public long floodPings(long max) {
        byte[] batch = new byte[PING.length * 1024];
        for (int i = 0; i < 1024; i++) {
            System.arraycopy(PING, 0, batch, i * PING.length, PING.length);
        }
        long sent = 0;
        try {
            socket.setSoTimeout(0);
            while (sent < max) {
                out.write(batch);
                sent += 1024;
            }
            out.flush();
            return -1;
        } catch (IOException e) {
            return sent;
        }
    }

    /** True when the bridge closes the connection within {@code wait} (whatever it sent before is skipped). */
    public boolean closedWithin(Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
