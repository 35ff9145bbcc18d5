package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // client gone
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = FaultProxy.to("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void cutClosesConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        Socket open = connect();
        assertThat(roundTrip(open, "before")).isEqualTo("before");
        proxy.cut();
        assertThatThrownBy(() -> {
                    roundTrip(open, "during");
                    roundTrip(open, "during");
                })
                .isInstanceOf(IOException.class);
        try (Socket refused = connect()) {
            assertThatThrownBy(() -> {
                        roundTrip(refused, "x");
                        roundTrip(refused, "x");
                    })
                    .isInstanceOf(IOException.class);
        }
        assertThat(proxy.connections()).isZero();
        proxy.restore();
        try (Socket again = connect()) {
            assertThat(roundTrip(again, "after")).isEqualTo("after");
        }
        open.close();
    }

    @Test
    void stallHoldsBytesUntilRestored() throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(300);
            proxy.stall();
            s.getOutputStream().write("held".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.restore();
            s.setSoTimeout(5_000);
            assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.UTF_8))
                    .isEqualTo("held");
        }
    }

    @Test
    void slowDelaysEachWay() throws IOException {
        try (Socket s = connect()) {
            proxy.slow(Duration.ofMillis(200));
            long start = System.nanoTime();
            assertThat(roundTrip(s, "slow")).isEqualTo("slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            proxy.restore();
            start = System.nanoTime();
            assertThat(roundTrip(s, "fast")).isEqualTo("fast");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
        }
    }

    @Test
    void closeEndsEveryConnection() throws IOException {
        Socket s = connect();
        assertThat(roundTrip(s, "x")).isEqualTo("x");
        proxy.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections() == 0);
        s.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(proxy.host(), proxy.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        byte[] back = s.getInputStream().readNBytes(bytes.length);
        if (back.length < bytes.length) {
            throw new IOException("connection closed after " + back.length + " bytes");
        }
        return new String(back, StandardCharsets.UTF_8);
    }
}
