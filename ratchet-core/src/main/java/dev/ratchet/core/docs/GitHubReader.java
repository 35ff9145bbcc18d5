package dev.ratchet.core.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.core.Json;
import dev.ratchet.spi.DocsService;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A GitHub (or GitHub Enterprise) repository through the REST API, with the JDK's HTTP client and Jackson: a handful
 * of endpoints, and errors that name the fix. The first refresh reads the branch head's tree (git trees API,
 * recursive) and the blobs of its files; later ones read the compare API between the stored commit and the head and
 * fetch only added, modified and renamed files. Rate limits (429, or 403 with the limit spent) become a
 * {@link RateLimitedException} carrying when to try again.
 *
 * <p>Pull requests: a branch at the base revision (git refs API), a commit of the new file content on it (contents
 * API), and a pull request to the followed branch; an open pull request from the same branch is reused.
 */
final class GitHubReader implements SourceReader {

    // the compare API lists at most 300 files; beyond that the tree is read again
    private static final int COMPARE_FILE_LIMIT = 300;

    private final DocsSources.Source source;
    private final HttpClient http;
    private final Clock clock;
    private String defaultBranch;

    GitHubReader(DocsSources.Source source, HttpClient http, Clock clock) {
        this.source = source;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Changes changesSince(String storedRevision) throws IOException {
        String head = get("/branches/" + segment(branch()), "branch " + branch())
                .path("commit")
                .path("sha")
                .asText();
        Map<String, String> blobs = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        boolean complete = true;
        if (head.equals(storedRevision)) {
            complete = false;
        } else if (storedRevision != null) {
            Optional<JsonNode> compare = find("/compare/" + storedRevision + "..." + head);
            if (compare.isPresent()
                    && Stream.of("ahead", "identical")
                            .anyMatch(compare.get().path("status").asText()::equals)
                    && compare.get().path("files").size() < COMPARE_FILE_LIMIT) {
                complete = false;
                for (JsonNode f : compare.get().path("files")) {
                    String status = f.path("status").asText();
                    if (status.equals("removed")) {
                        deleted.add(f.path("filename").asText());
                        continue;
                    }
                    if (status.equals("renamed")) {
                        deleted.add(f.path("previous_filename").asText());
                    }
                    if (!status.equals("unchanged")) {
                        blobs.put(f.path("filename").asText(), f.path("sha").asText());
                    }
                }
            }
        }
        if (complete) {
            JsonNode tree = get("/git/trees/" + head + "?recursive=1", "tree " + head);
            if (tree.path("truncated").asBoolean()) {
                throw new IOException(
                        "github source " + source.id() + ": the repository's tree is too large for one request; "
                                + "set path to the documentation folder");
            }
            for (JsonNode entry : tree.path("tree")) {
                String path = entry.path("path").asText();
                if (entry.path("type").asText().equals("blob")
                        && (source.prefix().isEmpty() || path.startsWith(source.prefix() + "/"))) {
                    blobs.put(path, entry.path("sha").asText());
                }
            }
        }
        return new Changes(head, complete, List.copyOf(blobs.keySet()), deleted, path -> {
            String sha = blobs.get(path);
            return sha == null
                    ? null
                    : decode(get("/git/blobs/" + sha, "blob of " + path)
                            .path("content")
                            .asText());
        });
    }

    /** See {@link DocsService#codeChanges}: the compare API's files (with their patches) under the source's path. */
    DocsService.CodeChanges codeChanges(String since) throws IOException {
        String head = get("/branches/" + segment(branch()), "branch " + branch())
                .path("commit")
                .path("sha")
                .asText();
        List<DocsService.FileChange> files = new ArrayList<>();
        if (since != null && !since.equals(head)) {
            JsonNode compare = get("/compare/" + since + "..." + head, "compare " + since + "..." + head);
            if (compare.path("status").asText().equals("ahead")) {
                for (JsonNode f : compare.path("files")) {
                    String path = f.path("filename").asText();
                    if (source.prefix().isEmpty() || path.startsWith(source.prefix() + "/")) {
                        files.add(new DocsService.FileChange(
                                path, f.path("status").asText(), f.path("patch").asText("")));
                    }
                }
            }
            // behind or diverged (a force push): nothing to compare; the head becomes the new start
        }
        return new DocsService.CodeChanges(source.id(), since, head, List.copyOf(files));
    }

    /** See {@link DocsService#proposeChange}. */
    DocsService.ChangeRequest proposeChange(
            String path, String baseRevision, String newContent, String branch, String title, String body)
            throws IOException {
        String owner = source.repo().substring(0, source.repo().indexOf('/'));
        JsonNode open = get(
                "/pulls?state=open&head=" + URLEncoder.encode(owner + ":" + branch, StandardCharsets.UTF_8),
                "pull requests");
        if (open.size() > 0) {
            return new DocsService.ChangeRequest(open.get(0).path("html_url").asText(), branch, false);
        }
        HttpResponse<String> ref =
                send("POST", "/git/refs", Map.of("ref", "refs/heads/" + branch, "sha", baseRevision));
        if (ref.statusCode() != 422) { // 422: the branch exists, from an attempt that stopped before its pull request
            check(ref, "branch " + branch);
        }
        String file = "/contents/"
                + Stream.of(path.split("/")).map(GitHubReader::segment).collect(Collectors.joining("/"));
        Optional<JsonNode> current = find(file + "?ref=" + URLEncoder.encode(branch, StandardCharsets.UTF_8));
        if (current.isEmpty()
                || !newContent.equals(decode(current.get().path("content").asText()))) {
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("message", title);
            commit.put("content", Base64.getEncoder().encodeToString(newContent.getBytes(StandardCharsets.UTF_8)));
            commit.put("branch", branch);
            current.ifPresent(c -> commit.put("sha", c.path("sha").asText()));
            check(send("PUT", file, commit), "commit to " + path);
        }
        JsonNode pr = check(
                send("POST", "/pulls", Map.of("title", title, "head", branch, "base", branch(), "body", body)),
                "pull request from " + branch);
        return new DocsService.ChangeRequest(pr.path("html_url").asText(), branch, true);
    }

    /** The followed branch: the configured one, else (a Go Ratchet source) the repository's default branch. */
    private String branch() throws IOException {
        if (source.branch() != null) {
            return source.branch();
        }
        if (defaultBranch == null) {
            defaultBranch = get("", "repository").path("default_branch").asText("main");
        }
        return defaultBranch;
    }

    private JsonNode get(String path, String what) throws IOException {
        return check(send("GET", path, null), what);
    }

    /** A resource that may be missing (404 is empty; other errors throw). */
    private Optional<JsonNode> find(String path) throws IOException {
        HttpResponse<String> response = send("GET", path, null);
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(check(response, path));
    }

    private HttpResponse<String> send(String method, String path, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(source.apiUrl() + "/repos/" + source.repo() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "ratchet-docs")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (source.app() != null) {
            request.header("Authorization", "Bearer " + source.app().token(http, source.apiUrl(), clock, source.id()));
        } else if (source.token() != null) {
            request.header("Authorization", "Bearer " + source.token().value());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("github source " + source.id() + ": interrupted", e);
        } catch (IOException e) {
            throw new IOException(
                    "github source " + source.id() + ": cannot reach " + source.apiUrl() + " ("
                            + e.getClass().getSimpleName() + "); check api_url and the network",
                    e);
        }
    }

    /** The response's JSON, or an exception that names the source, the status and the fix. */
    private JsonNode check(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return Json.MAPPER.readTree(response.body());
        }
        String where = "github source " + source.id() + " (" + source.repo() + " at " + source.apiUrl() + "): ";
        boolean credentials = source.token() != null || source.app() != null;
        String token = source.app() != null
                ? "the installation token of " + source.app()
                : source.token() == null
                        ? "no token is configured; set token_env to an environment variable holding one"
                        : "the token from " + source.token().origin();
        Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
        if (status == 429
                || (status == 403
                        && (remaining.filter("0"::equals).isPresent()
                                || response.body().contains("rate limit")))) {
            Instant at = response.headers()
                    .firstValue("Retry-After")
                    .map(s -> clock.instant().plusSeconds(Long.parseLong(s.trim())))
                    .or(() -> response.headers()
                            .firstValue("X-RateLimit-Reset")
                            .map(s -> Instant.ofEpochSecond(Long.parseLong(s.trim()))))
                    .orElse(clock.instant().plusSeconds(60));
            throw new RateLimitedException(
                    where + "rate limited by GitHub (" + status + ") until " + at + "; the refresh runs again then"
                            + (credentials ? "" : " (a token raises the limit: set token_env)"),
                    at);
        }
        throw new IOException(where
                + switch (status) {
                    case 401 ->
                        "401 Unauthorized: " + token
                                + (!credentials
                                        ? ""
                                        : source.app() != null
                                                ? " was refused; check the App's installation on GitHub"
                                                : " is wrong or expired; replace it");
                    case 403 ->
                        "403 Forbidden for " + what + ": " + token
                                + (!credentials
                                        ? ""
                                        : " lacks access; grant " + (source.app() != null ? "the App" : "it")
                                                + " contents read"
                                                + (source.write() ? " and write and pull-requests write" : ""));
                    case 404 ->
                        "404 Not Found for " + what + ": check repo and branch ("
                                + (source.branch() == null ? "default branch" : source.branch()) + "), and that "
                                + token + (credentials ? " can see the repository" : "")
                                + " (GitHub answers 404 for private repositories without access)";
                    case 422 -> "422 for " + what + ": " + message(response.body());
                    default -> status + " for " + what + ": " + message(response.body());
                });
    }

    private static String message(String body) {
        try {
            return Json.MAPPER.readTree(body).path("message").asText(body);
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }
}
