package dev.ratchet.core.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    final SignatureCheck check = new SignatureCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    static String sign(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0="
                + HexFormat.of()
                        .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void genuine_request_passes() throws Exception {
        String body = "{\"type\":\"event_callback\"}";
        assertThat(check.problem("1700000000", sign("1700000000", body), body.getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    @Test
    void tampered_body_is_refused() throws Exception {
        String sig = sign("1700000000", "{\"a\":1}");
        assertThat(check.problem("1700000000", sig, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("signature mismatch");
    }

    @Test
    void request_older_than_five_minutes_is_refused_even_when_signed() throws Exception {
        String body = "{}";
        String old = Long.toString(NOW.getEpochSecond() - 301);
        assertThat(check.problem(old, sign(old, body), body.getBytes(StandardCharsets.UTF_8)))
                .startsWith("stale");
    }

    @Test
    void missing_headers_are_refused() {
        assertThat(check.problem(null, "v0=00", new byte[0])).contains("missing");
        assertThat(check.problem("soon", "v0=00", new byte[0])).contains("malformed");
    }
}
