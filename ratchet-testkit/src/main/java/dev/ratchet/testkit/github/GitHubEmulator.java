package dev.ratchet.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GitHub REST API on 127.0.0.1, shaped like GitHub Enterprise ({@link #apiUrl()} ends in {@code /api/v3}), speaking
 * the endpoints Ratchet's documentation sources use, with GitHub's JSON, statuses and headers:
 * <ul>
 *   <li>{@code GET /repos/{owner}/{repo}/branches/{branch}}</li>
 *   <li>{@code GET .../git/trees/{sha}?recursive=1}, {@code GET .../git/blobs/{sha}}</li>
 *   <li>{@code GET .../compare/{base}...{head}} (status ahead/behind/diverged/identical; files added, modified,
 *   removed, renamed when a removed file's content reappears under another path)</li>
 *   <li>{@code POST .../git/refs} (422 when the branch exists)</li>
 *   <li>{@code GET .../contents/{path}?ref=}, {@code PUT .../contents/{path}} (the file's {@code sha} is required to
 *   replace it: 422 without, 409 when stale)</li>
 *   <li>{@code POST .../pulls} (422 when one is open from that head), {@code GET .../pulls?state=&head=owner:branch}</li>
 * </ul>
 * Every request needs {@code Authorization: Bearer <token>} (or {@code token <token>}) with {@link #token()} or an
 * unexpired installation token: otherwise 401 "Bad credentials". {@code GET /repos/{owner}/{repo}} gives the
 * repository's {@code default_branch}.
 *
 * <p>GitHub Apps: {@link #createApp(long, long)} makes an App with an RSA key pair and one installation;
 * {@code POST /app/installations/{id}/access_tokens} with {@code Authorization: Bearer <JWT>} checks the JWT as GitHub
 * does (RS256 signature by the App's key, {@code iss} the App id, {@code exp} in the future and at most ten minutes
 * ahead, {@code iat} not in the future) and issues an installation token ({@code ghs_...}, for an hour unless
 * {@link #installationTokenLifetime(Duration)} says otherwise); anything else gets GitHub's 401 JSON. Tests push commits with {@link Repo#commit(String)}, read opened pull requests with
 * {@link Repo#pullRequests()}, see every request in {@link #requests()}, and rate-limit the next requests with
 * {@link #rateLimitNext(int, long)}.
 *
 * <pre>{@code
 * try (GitHubEmulator github = GitHubEmulator.start()) {
 *     Repo repo = github.createRepo("acme/handbook", "main");
 *     String sha = repo.commit("main").put("docs/disk.md", "# Disk full\n").push();
 *     // point a github docs source at github.apiUrl() with github.token()
 * }
 * }</pre>
 */
public final class GitHubEmulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "github-emulator");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile long rateLimitSeconds;
    private volatile String token = "ghp_emulated" + Long.toHexString(System.nanoTime());
    private final Map<Long, App> apps = new ConcurrentHashMap<>();
    private final Map<String, Instant> installationTokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Duration installationTokenLifetime = Duration.ofHours(1);

    /**
     * A GitHub App of the emulator, with one installation.
     *
     * @param appId          the App id ({@code iss} of its JWTs)
     * @param installationId its installation's id
     * @param keys           its key pair: GitHub keeps the public key, the App's owner downloads the private one
     */
    public record App(long appId, long installationId, KeyPair keys) {

        /** The private key as GitHub issues it: PKCS#1 PEM ({@code -----BEGIN RSA PRIVATE KEY-----}). */
        public String privateKeyPem() {
            return pkcs1Pem(keys.getPrivate());
        }

        /** Writes {@link #privateKeyPem()} to {@code file} and returns it. */
        public Path writePrivateKey(Path file) {
            try {
                return Files.writeString(file, privateKeyPem());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "App[" + appId + ", installation " + installationId + "]"; // never the key
        }
    }

    private GitHubEmulator() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/v3/", this::handle);
        http.setExecutor(workers);
        http.start();
    }

    /** Starts an emulator on a free loopback port. */
    public static GitHubEmulator start() {
        try {
            return new GitHubEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The REST API's base URL, as for GitHub Enterprise: {@code http://127.0.0.1:PORT/api/v3}. */
    public String apiUrl() {
        return webUrl() + "/api/v3";
    }

    /** Where pull requests link to: {@code http://127.0.0.1:PORT}. */
    public String webUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The token requests must carry. */
    public String token() {
        return token;
    }

    /** Creates a GitHub App with a fresh 2048-bit RSA key pair and one installation (of every repository). */
    public App createApp(long appId, long installationId) {
        App app = new App(appId, installationId, newKeyPair());
        apps.put(installationId, app);
        return app;
    }

    /** An RSA private key of no App, as PKCS#1 PEM: what a wrong {@code private_key_path} holds. */
    public static String unrelatedPrivateKeyPem() {
        return pkcs1Pem(newKeyPair().getPrivate());
    }

    /** How long installation tokens issued from now on are valid (GitHub: an hour). */
    public void installationTokenLifetime(Duration lifetime) {
        installationTokenLifetime = lifetime;
    }

    /** How many installation tokens were issued. */
    public int installationTokensIssued() {
        return issued.get();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#1 PEM of an RSA private key: the OCTET STRING inside the JDK's PKCS#8 encoding. */
    private static String pkcs1Pem(PrivateKey key) {
        ByteBuffer der = ByteBuffer.wrap(key.getEncoded());
        enter(der, 0x30); // PrivateKeyInfo
        skip(der, 0x02); // version
        skip(der, 0x30); // algorithm
        int length = enter(der, 0x04); // privateKey
        byte[] pkcs1 = new byte[length];
        der.get(pkcs1);
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    /** Reads a DER tag and length, leaving the buffer at the content; returns the length. */
    private static int enter(ByteBuffer der, int tag) {
        if ((der.get() & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag");
        }
        int first = der.get() & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der.get() & 0xff);
        }
        return length;
    }

    private static void skip(ByteBuffer der, int tag) {
        int length = enter(der, tag);
        der.position(der.position() + length);
    }

    /** Creates a repository ({@code owner/name}) whose {@code defaultBranch} has an empty first commit. */
    public Repo createRepo(String fullName, String defaultBranch) {
        Repo repo = new Repo(fullName, webUrl(), defaultBranch);
        repos.put(fullName, repo);
        return repo;
    }

    /** Every request so far, as {@code "GET /repos/acme/handbook/git/blobs/…"} (path and query, without the API prefix). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Answers the next {@code times} requests 403 with the rate limit spent ({@code X-RateLimit-Remaining: 0},
     * {@code X-RateLimit-Reset} in {@code seconds}), as GitHub does for a spent primary limit.
     */
    public void rateLimitNext(int times, long seconds) {
        rateLimitSeconds = seconds;
        rateLimited.set(times);
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "GitHubEmulator[" + apiUrl() + "]"; // never the token
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private record Answer(int status, Object body, Map<String, String> headers) {
        Answer(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    private static Answer error(int status, String message) {
        return new Answer(status, Map.of("message", message, "documentation_url", "https://docs.github.com/rest"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            String path = exchange.getRequestURI().getRawPath().substring("/api/v3".length());
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            answer = answer(exchange, path, query, body);
        } catch (RuntimeException e) {
            answer = error(500, "emulator error: " + e);
        }
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer answer(HttpExchange exchange, String path, String query, byte[] body) throws IOException {
        String auth = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
        if (path.startsWith("/app/")) {
            return app(exchange.getRequestMethod(), path, auth);
        }
        String presented = auth.replaceFirst("^(Bearer|token) ", "");
        Instant expiry = installationTokens.get(presented);
        boolean installation = expiry != null && Instant.now().isBefore(expiry);
        if (!installation && !auth.equals("Bearer " + token) && !auth.equals("token " + token)) {
            return error(401, "Bad credentials");
        }
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            long reset = Instant.now().plusSeconds(rateLimitSeconds).getEpochSecond();
            return new Answer(
                    403,
                    Map.of(
                            "message",
                            "API rate limit exceeded for user.",
                            "documentation_url",
                            "https://docs.github.com/rest"),
                    Map.of(
                            "X-RateLimit-Remaining",
                            "0",
                            "X-RateLimit-Limit",
                            "5000",
                            "X-RateLimit-Reset",
                            String.valueOf(reset)));
        }
        String[] parts = path.split("/", 5); // "", repos, owner, name, rest
        if (parts.length == 4
                && parts[1].equals("repos")
                && exchange.getRequestMethod().equals("GET")) {
            Repo found = repos.get(parts[2] + "/" + parts[3]);
            return found == null
                    ? error(404, "Not Found")
                    : new Answer(
                            200,
                            Map.of(
                                    "full_name",
                                    found.fullName(),
                                    "default_branch",
                                    found.defaultBranch,
                                    "html_url",
                                    webUrl() + "/" + found.fullName()));
        }
        if (parts.length < 5 || !parts[1].equals("repos")) {
            return error(404, "Not Found");
        }
        Repo repo = repos.get(parts[2] + "/" + parts[3]);
        if (repo == null) {
            return error(404, "Not Found");
        }
        String rest = parts[4];
        Map<String, String> params = params(query);
        JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        String method = exchange.getRequestMethod();
        synchronized (repo) {
            if (method.equals("GET") && rest.startsWith("branches/")) {
                return branch(repo, decode(rest.substring("branches/".length())));
            }
            if (method.equals("GET") && rest.startsWith("git/trees/")) {
                return tree(repo, decode(rest.substring("git/trees/".length())), "1".equals(params.get("recursive")));
            }
            if (method.equals("GET") && rest.startsWith("git/blobs/")) {
                byte[] blob = repo.blobs.get(rest.substring("git/blobs/".length()));
                return blob == null
                        ? error(404, "Not Found")
                        : new Answer(
                                200,
                                Map.of(
                                        "sha",
                                        rest.substring(10),
                                        "size",
                                        blob.length,
                                        "encoding",
                                        "base64",
                                        "content",
                                        Base64.getMimeEncoder(60, new byte[] {'\n'})
                                                .encodeToString(blob)));
            }
            if (method.equals("GET") && rest.startsWith("compare/")) {
                return compare(repo, decode(rest.substring("compare/".length())));
            }
            if (method.equals("POST") && rest.equals("git/refs")) {
                return createRef(repo, json);
            }
            if (rest.startsWith("contents/")) {
                String file = decode(rest.substring("contents/".length()));
                return method.equals("PUT")
                        ? putContents(repo, file, json)
                        : getContents(repo, file, params.get("ref"));
            }
            if (method.equals("POST") && rest.equals("pulls")) {
                return createPull(repo, json);
            }
            if (method.equals("GET") && rest.equals("pulls")) {
                return new Answer(
                        200,
                        repo.pulls.stream()
                                .filter(p -> params.get("state") == null
                                        || params.get("state").equals("all")
                                        || p.state().equals(params.get("state")))
                                .filter(p -> params.get("head") == null
                                        || params.get("head")
                                                .equals(repo.fullName().split("/")[0] + ":" + p.head()))
                                .map(GitHubEmulator::pull)
                                .toList());
            }
        }
        return error(404, "Not Found");
    }

    /** {@code POST /app/installations/{id}/access_tokens}, authenticated by the App's JWT. */
    private Answer app(String method, String path, String auth) {
        String[] parts = path.split("/");
        if (!method.equals("POST")
                || parts.length != 5
                || !parts[2].equals("installations")
                || !parts[4].equals("access_tokens")) {
            return error(404, "Not Found");
        }
        if (!auth.startsWith("Bearer ")) {
            return error(401, "A JSON web token could not be decoded");
        }
        String[] jwt = auth.substring("Bearer ".length()).split("\\.", -1);
        if (jwt.length != 3) {
            return error(401, "A JSON web token could not be decoded");
        }
        JsonNode header;
        JsonNode claims;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            header = JSON.readTree(b64.decode(jwt[0]));
            claims = JSON.readTree(b64.decode(jwt[1]));
        } catch (IOException | IllegalArgumentException e) {
            return error(401, "A JSON web token could not be decoded");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return error(401, "A JSON web token could not be decoded");
        }
        long appId;
        try {
            appId = Long.parseLong(claims.path("iss").asText());
        } catch (NumberFormatException e) {
            return error(401, "'Issuer' claim ('iss') must be an Integer");
        }
        App app = apps.values().stream()
                .filter(a -> a.appId() == appId)
                .findFirst()
                .orElse(null);
        if (app == null) {
            return error(401, "Integration not found");
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(app.keys().getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
                return error(401, "A JSON web token could not be decoded");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return error(401, "A JSON web token could not be decoded");
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.path("exp").asLong(0);
        long iat = claims.path("iat").asLong(Long.MAX_VALUE);
        if (exp <= now || exp > now + 600 + 30) {
            return error(
                    401,
                    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which"
                            + " the assertion expires");
        }
        if (iat > now + 30) {
            return error(
                    401,
                    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
        }
        long installationId;
        try {
            installationId = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return error(404, "Not Found");
        }
        App installed = apps.get(installationId);
        if (installed == null || installed.appId() != appId) {
            return error(404, "Not Found");
        }
        String issuedToken = "ghs_" + Long.toHexString(System.nanoTime()) + issued.incrementAndGet();
        Instant expires = Instant.now().plus(installationTokenLifetime);
        installationTokens.put(issuedToken, expires);
        return new Answer(
                201,
                Map.of(
                        "token",
                        issuedToken,
                        "expires_at",
                        expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString(),
                        "permissions",
                        Map.of("contents", "write", "pull_requests", "write", "metadata", "read"),
                        "repository_selection",
                        "all"));
    }

    private static Answer branch(Repo repo, String name) {
        String sha = repo.branches.get(name);
        return sha == null
                ? error(404, "Branch not found")
                : new Answer(
                        200,
                        Map.of(
                                "name",
                                name,
                                "commit",
                                Map.of("sha", sha, "url", "/repos/" + repo.fullName() + "/commits/" + sha)));
    }

    private static Answer tree(Repo repo, String ref, boolean recursive) {
        Repo.Commit c = repo.resolve(ref);
        if (c == null) {
            return error(404, "Not Found");
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        TreeSet<String> folders = new TreeSet<>();
        c.tree().keySet().forEach(p -> {
            for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                folders.add(p.substring(0, i));
            }
        });
        folders.stream()
                .filter(f -> recursive || !f.contains("/"))
                .forEach(f -> entries.add(Map.of("path", f, "mode", "040000", "type", "tree", "sha", c.sha())));
        c.tree().entrySet().stream()
                .filter(e -> recursive || !e.getKey().contains("/"))
                .forEach(e -> entries.add(Map.of(
                        "path",
                        e.getKey(),
                        "mode",
                        "100644",
                        "type",
                        "blob",
                        "sha",
                        e.getValue(),
                        "size",
                        repo.blobs.get(e.getValue()).length)));
        return new Answer(200, Map.of("sha", c.sha(), "tree", entries, "truncated", false));
    }

    private static Answer compare(Repo repo, String range) {
        String[] ends = range.split("\\.\\.\\.", 2);
        Repo.Commit base = ends.length == 2 ? repo.resolve(ends[0]) : null;
        Repo.Commit head = ends.length == 2 ? repo.resolve(ends[1]) : null;
        if (base == null || head == null) {
            return error(404, "Not Found");
        }
        String status = base.sha().equals(head.sha())
                ? "identical"
                : repo.reaches(head.sha(), base.sha())
                        ? "ahead"
                        : repo.reaches(base.sha(), head.sha()) ? "behind" : "diverged";
        Map<String, String> removed = new LinkedHashMap<>();
        base.tree().forEach((p, sha) -> {
            if (!head.tree().containsKey(p)) {
                removed.put(p, sha);
            }
        });
        List<Map<String, Object>> files = new ArrayList<>();
        head.tree().forEach((p, sha) -> {
            String old = base.tree().get(p);
            if (old == null) {
                String renamedFrom = removed.entrySet().stream()
                        .filter(e -> e.getValue().equals(sha))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                if (renamedFrom != null) {
                    removed.remove(renamedFrom);
                    files.add(Map.of("sha", sha, "filename", p, "status", "renamed", "previous_filename", renamedFrom));
                } else {
                    files.add(Map.of("sha", sha, "filename", p, "status", "added", "patch", patch(repo, null, sha)));
                }
            } else if (!old.equals(sha)) {
                files.add(Map.of("sha", sha, "filename", p, "status", "modified", "patch", patch(repo, old, sha)));
            }
        });
        removed.forEach((p, sha) ->
                files.add(Map.of("sha", sha, "filename", p, "status", "removed", "patch", patch(repo, sha, null))));
        return new Answer(
                200,
                Map.of(
                        "status",
                        status,
                        "base_commit",
                        Map.of("sha", base.sha()),
                        "files",
                        files,
                        "html_url",
                        repo.fullName() + "/compare/" + range));
    }

    /**
     * A file's {@code patch} as the compare API gives it: unified diff hunks without file headers. One hunk: the lines
     * common to both ends as context up to the first difference, then the old lines removed and the new ones added.
     */
    private static String patch(Repo repo, String oldBlob, String newBlob) {
        List<String> before = lines(oldBlob == null ? null : repo.blobs.get(oldBlob));
        List<String> after = lines(newBlob == null ? null : repo.blobs.get(newBlob));
        int common = 0;
        while (common < before.size()
                && common < after.size()
                && before.get(common).equals(after.get(common))) {
            common++;
        }
        StringBuilder out = new StringBuilder()
                .append("@@ -")
                .append(before.isEmpty() ? 0 : 1)
                .append(',')
                .append(before.size())
                .append(" +")
                .append(after.isEmpty() ? 0 : 1)
                .append(',')
                .append(after.size())
                .append(" @@");
        for (int i = 0; i < common; i++) {
            out.append("\n ").append(before.get(i));
        }
        for (int i = common; i < before.size(); i++) {
            out.append("\n-").append(before.get(i));
        }
        for (int i = common; i < after.size(); i++) {
            out.append("\n+").append(after.get(i));
        }
        return out.toString();
    }

    private static List<String> lines(byte[] content) {
        if (content == null || content.length == 0) {
            return List.of();
        }
        return List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1));
    }

    private static Answer createRef(Repo repo, JsonNode json) {
        String ref = json.path("ref").asText();
        String sha = json.path("sha").asText();
        if (!ref.startsWith("refs/heads/") || ref.length() == "refs/heads/".length()) {
            return error(422, "Reference name is not valid");
        }
        if (!repo.commits.containsKey(sha)) {
            return error(422, "Object does not exist");
        }
        String branch = ref.substring("refs/heads/".length());
        if (repo.branches.containsKey(branch)) {
            return error(422, "Reference already exists");
        }
        repo.branches.put(branch, sha);
        return new Answer(201, Map.of("ref", ref, "object", Map.of("type", "commit", "sha", sha)));
    }

    private static Answer getContents(Repo repo, String file, String ref) {
        Repo.Commit c =
                repo.resolve(ref == null ? repo.branches.keySet().iterator().next() : ref);
        String blob = c == null ? null : c.tree().get(file);
        if (blob == null) {
            return error(404, "Not Found");
        }
        return new Answer(
                200,
                Map.of(
                        "type",
                        "file",
                        "encoding",
                        "base64",
                        "path",
                        file,
                        "name",
                        file.substring(file.lastIndexOf('/') + 1),
                        "sha",
                        blob,
                        "content",
                        Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(repo.blobs.get(blob))));
    }

    private static Answer putContents(Repo repo, String file, JsonNode json) {
        String branch =
                json.path("branch").asText(repo.branches.keySet().iterator().next());
        String head = repo.branches.get(branch);
        if (head == null) {
            return error(404, "Branch " + branch + " not found");
        }
        if (!json.hasNonNull("message") || !json.hasNonNull("content")) {
            return error(422, "Invalid request.\n\n\"message\" and \"content\" are required.");
        }
        String current = repo.commits.get(head).tree().get(file);
        if (current != null && !json.hasNonNull("sha")) {
            return error(422, "Invalid request.\n\n\"sha\" wasn't supplied.");
        }
        if (current != null && !current.equals(json.path("sha").asText())) {
            return error(409, file + " does not match " + json.path("sha").asText());
        }
        String content =
                new String(Base64.getMimeDecoder().decode(json.path("content").asText()), StandardCharsets.UTF_8);
        Map<String, String> change = new LinkedHashMap<>();
        change.put(file, content);
        String sha = repo.commitOn(branch, head, change, json.path("message").asText());
        return new Answer(
                current == null ? 201 : 200,
                Map.of(
                        "content",
                        Map.of("path", file, "sha", repo.commits.get(sha).tree().get(file)),
                        "commit",
                        Map.of("sha", sha, "message", json.path("message").asText())));
    }

    private static Answer createPull(Repo repo, JsonNode json) {
        String head = json.path("head").asText();
        String base = json.path("base").asText();
        if (!repo.branches.containsKey(head) || !repo.branches.containsKey(base) || !json.hasNonNull("title")) {
            return error(422, "Validation Failed");
        }
        if (repo.pulls.stream()
                .anyMatch(p -> p.state().equals("open")
                        && p.head().equals(head)
                        && p.base().equals(base))) {
            return error(
                    422, "A pull request already exists for " + repo.fullName().split("/")[0] + ":" + head + ".");
        }
        if (repo.branches.get(head).equals(repo.branches.get(base))) {
            return error(422, "No commits between " + base + " and " + head);
        }
        return new Answer(
                201,
                pull(repo.open(json.path("title").asText(), json.path("body").asText(""), head, base)));
    }

    private static Map<String, Object> pull(Repo.PullRequest p) {
        return Map.of(
                "number",
                p.number(),
                "title",
                p.title(),
                "body",
                p.body(),
                "state",
                p.state(),
                "html_url",
                p.htmlUrl(),
                "head",
                Map.of("ref", p.head()),
                "base",
                Map.of("ref", p.base()));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
