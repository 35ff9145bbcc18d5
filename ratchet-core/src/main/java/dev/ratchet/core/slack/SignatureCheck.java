package dev.ratchet.core.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} with the signing
 * secret. Compared in constant time; requests whose timestamp is more than five minutes away are refused, so a
 * captured request cannot be replayed.
 */
public final class SignatureCheck {

    private static final long MAX_SKEW_SECONDS = 300;
    private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-fA-F]{64}");

    private final byte[] secret;
    private final Clock clock;

    public SignatureCheck(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /**
     * Why a request is refused on its headers alone (missing, malformed or stale timestamp, a signature that is not
     * {@code v0=} and 64 hex digits), or null when they may be genuine: checked before the body is read.
     *
     * @since 0.2
     */
    public String headerProblem(String timestampHeader, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null) {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return "malformed X-Slack-Request-Timestamp";
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > MAX_SKEW_SECONDS) {
            return "stale X-Slack-Request-Timestamp (more than 5 minutes from now)";
        }
        if (!SIGNATURE.matcher(signatureHeader.trim()).matches()) {
            return "malformed X-Slack-Signature (not v0= and 64 hex digits)";
        }
        return null;
    }

    /** Why a request is refused, or null when it is genuine. */
    public String problem(String timestampHeader, String signatureHeader, byte[] body) {
        String headers = headerProblem(timestampHeader, signatureHeader);
        if (headers != null) {
            return headers;
        }
        byte[] expected =
                ("v0=" + HexFormat.of().formatHex(hmac(timestampHeader.trim(), body))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8))
                ? null
                : "signature mismatch";
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
