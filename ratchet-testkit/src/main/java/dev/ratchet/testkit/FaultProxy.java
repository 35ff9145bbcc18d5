package dev.ratchet.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fault-injecting TCP proxy for tests: listens on {@code 127.0.0.1:<free port>} and forwards every connection to a
 * target {@code host:port} (PostgreSQL, say), until told to fail.
 *
 * <ul>
 *   <li>{@link #cut()}: closes every open connection (with a reset) and refuses new ones until {@link #restore()}: a
 *       network partition or a database that went away.
 *   <li>{@link #stall()}: keeps the connections open but holds every byte until {@link #restore()}: a database that
 *       hangs.
 *   <li>{@link #slow(Duration)}: delays every chunk of bytes, each way, by that much: a slow network.
 * </ul>
 *
 * <p>Plain blocking sockets, two threads per connection: for tests, not for load.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode {
        PASS,
        CUT,
        STALL
    }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    private FaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a free loopback port for the fault proxy", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy to {@code host:port}; close it when done. */
    public static FaultProxy to(String host, int port) {
        return new FaultProxy(Objects.requireNonNull(host, "host"), port);
    }

    /** The loopback port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code 127.0.0.1}, where the proxy listens. */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** The connections open through the proxy now (client and target side count as one). */
    public int connections() {
        return sockets.size() / 2;
    }

    /** Closes every connection (the peers see a reset) and refuses new ones until {@link #restore()}. */
    public void cut() {
        synchronized (gate) {
            mode = Mode.CUT;
            gate.notifyAll();
        }
        for (Socket s : sockets) {
            reset(s);
        }
    }

    /** Holds every byte, each way, until {@link #restore()}; connections stay open and new ones are accepted. */
    public void stall() {
        synchronized (gate) {
            mode = Mode.STALL;
        }
    }

    /** Delays every chunk of bytes, each way, by {@code delay} ({@link Duration#ZERO}: no delay). */
    public void slow(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /** Forwards again, without delay; held bytes flow on. */
    public void restore() {
        synchronized (gate) {
            mode = Mode.PASS;
            delay = Duration.ZERO;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        synchronized (gate) {
            gate.notifyAll();
        }
        for (Socket s : sockets) {
            reset(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (mode == Mode.CUT) {
                reset(client);
                continue;
            }
            Socket target = new Socket();
            try {
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                target.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            } catch (IOException e) {
                reset(client);
                reset(target);
                continue;
            }
            sockets.add(client);
            sockets.add(target);
            if (mode == Mode.CUT) { // cut while connecting
                reset(client);
                reset(target);
                continue;
            }
            pump(client, target, "up");
            pump(target, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (!pass()) {
                                break;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // the connection is gone: close both sides below
                    } finally {
                        reset(from);
                        reset(to);
                    }
                },
                "fault-proxy-" + direction + "-" + port());
        t.setDaemon(true);
        t.start();
    }

    /** Waits while stalled, sleeps the delay; false when the connection must end (cut or closed). */
    private boolean pass() throws InterruptedException {
        synchronized (gate) {
            while (mode == Mode.STALL && !closed) {
                gate.wait();
            }
            if (mode == Mode.CUT || closed) {
                return false;
            }
        }
        Duration d = delay;
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
        return mode != Mode.CUT && !closed;
    }

    private void reset(Socket s) {
        sockets.remove(s);
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0); // a reset, as when a server or a network link goes away
            }
        } catch (SocketException e) {
            // not connected: close below
        }
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
