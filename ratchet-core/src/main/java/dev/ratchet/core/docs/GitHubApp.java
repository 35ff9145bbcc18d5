package dev.ratchet.core.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authentication as a GitHub App installation, as the Go Ratchet's docs sources did: a JWT signed with the App's
 * private key (RS256; {@code iat} a minute in the past against clock drift, {@code exp} nine minutes ahead, so ten
 * minutes apart as GitHub allows at most; {@code iss} the App id) is exchanged at
 * {@code POST /app/installations/{id}/access_tokens} for an installation token, which is cached until five minutes
 * before it expires (GitHub issues them for an hour) and then fetched again. Thread-safe.
 *
 * <p>The JDK signs (RS256 is {@code SHA256withRSA}); the key may be PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as GitHub
 * issues it) or PKCS#8 ({@code BEGIN PRIVATE KEY}). {@link #toString()} never shows the key or a token.
 */
public final class GitHubApp {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private final long appId;
    private final long installationId;
    private final Path keyPath;
    private final PrivateKey key;
    private String token;
    private Instant expiresAt = Instant.MIN;

    GitHubApp(long appId, long installationId, Path keyPath, PrivateKey key) {
        this.appId = appId;
        this.installationId = installationId;
        this.keyPath = keyPath;
        this.key = key;
    }

    public long appId() {
        return appId;
    }

    public long installationId() {
        return installationId;
    }

    /** The private key file, for messages. */
    public Path keyPath() {
        return keyPath;
    }

    /**
     * Reads an RSA private key from a PEM file.
     *
     * @throws IllegalArgumentException saying what the file holds instead (the caller names the source and the fix)
     */
    static PrivateKey readKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    pem.contains("-----BEGIN")
                            ? "it holds no unencrypted RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)"
                            : "it is not a PEM file");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its PEM body is not valid base64");
        }
        byte[] pkcs8 = m.group(1) != null ? pkcs8(der) : der;
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("it is not a readable RSA private key (" + e.getMessage() + ")");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: SEQUENCE { 0, rsaEncryption, OCTET STRING key }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            length = new byte[bytes + 1];
            length[0] = (byte) (0x80 | bytes);
            for (int i = 0; i < bytes; i++) {
                length[bytes - i] = (byte) (n >>> (8 * i));
            }
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    /** A JWT for the App, valid for ten minutes from a minute ago. */
    String jwt(Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", now.minusSeconds(60).getEpochSecond());
        claims.put("exp", now.plusSeconds(540).getEpochSecond());
        claims.put("iss", appId);
        String payload = b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot sign the GitHub App JWT with " + keyPath + ": " + e.getMessage(), e);
        }
    }

    /**
     * The installation token, from the cache or fetched now.
     *
     * @param apiUrl   the REST API's base URL
     * @param sourceId the docs source, for messages
     * @throws IOException naming the source and the fix when GitHub refuses the JWT or the installation
     */
    synchronized String token(HttpClient http, String apiUrl, Clock clock, String sourceId) throws IOException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiresAt.minus(REFRESH_BEFORE_EXPIRY))) {
            return token;
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(apiUrl + "/app/installations/" + installationId + "/access_tokens"))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "ratchet-docs")
                .header("Authorization", "Bearer " + jwt(now))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("github source " + sourceId + ": interrupted", e);
        } catch (IOException e) {
            throw new IOException(
                    "github source " + sourceId + ": cannot reach " + apiUrl + " for a GitHub App installation token ("
                            + e.getClass().getSimpleName() + "); check github_url and the network",
                    e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String where = "github source " + sourceId + ": GitHub refused the App's installation token request ("
                    + status + " " + message(response.body()) + "): ";
            throw new IOException(where
                    + switch (status) {
                        case 401 ->
                            "the private key " + keyPath + " is not a key of GitHub App " + appId
                                    + ", or app_id is wrong (or this machine's clock is off by minutes);"
                                    + " generate a private key on the App's settings page and point"
                                    + " private_key_path at it";
                        case 404 ->
                            "installation " + installationId + " is not an installation of GitHub App " + appId
                                    + "; set installation_id to the number at the end of the installation's"
                                    + " settings URL (.../settings/installations/ID)";
                        case 403 -> "the App's installation is suspended or lacks access; check it on GitHub";
                        default -> "check app_id, installation_id and private_key_path";
                    });
        }
        JsonNode body = Json.MAPPER.readTree(response.body());
        String issued = body.path("token").asText("");
        if (issued.isEmpty()) {
            throw new IOException("github source " + sourceId + ": GitHub's installation token answer has no token");
        }
        token = issued;
        expiresAt = body.hasNonNull("expires_at")
                ? Instant.parse(body.path("expires_at").asText())
                : now.plus(Duration.ofHours(1));
        return token;
    }

    private static String message(String body) {
        try {
            return Json.MAPPER.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "GitHub App " + appId + " installation " + installationId + " (key " + keyPath + ")";
    }
}
