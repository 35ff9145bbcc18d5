package dev.ratchet.core.api;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks the token a request presents: {@code Authorization: Bearer <token>}, or HTTP Basic with the token as the
 * password (any user name), which is what a browser can send to the jobs dashboard. Both sides are hashed before a
 * constant-time comparison, so neither the token's bytes nor its length show in the timing. With no token configured
 * every request passes: the server only allows that on a loopback address.
 */
final class TokenCheck {

    private final byte[] expected; // SHA-256 of the token; null when none is configured

    TokenCheck(Optional<String> token) {
        this.expected = token.map(TokenCheck::sha256).orElse(null);
    }

    boolean required() {
        return expected != null;
    }

    boolean allows(Headers headers) {
        if (expected == null) {
            return true;
        }
        String presented = presented(headers.getFirst("Authorization"));
        return presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    private static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return a.substring(7).strip();
        }
        if (a.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair =
                        new String(Base64.getDecoder().decode(a.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
