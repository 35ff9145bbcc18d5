package dev.ratchet.testkit.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub emulator speaks the REST endpoints with GitHub's statuses, through the JDK's HTTP client. */
class GitHubEmulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    GitHubEmulator github;
    Repo repo;

    @BeforeEach
    void start() {
        github = GitHubEmulator.start();
        repo = github.createRepo("acme/handbook", "main");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(github.apiUrl() + "/repos/acme/handbook" + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body, github.token());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    @Test
    void requests_without_the_token_get_401_bad_credentials() throws Exception {
        assertThat(call("GET", "/branches/main", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = call("GET", "/branches/main", null, "ghp_wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Bad credentials");
        assertThat(github.toString()).doesNotContain(github.token());
    }

    @Test
    void pushed_commits_show_in_branches_trees_blobs_and_compare() throws Exception {
        String first = repo.commit("main")
                .put("docs/a.md", "# A\n")
                .put("docs/b.md", "# B\n")
                .put("docs/c.md", "# C\n")
                .push();
        String second = repo.commit("main")
                .put("docs/a.md", "# A, changed\n")
                .delete("docs/b.md")
                .delete("docs/c.md")
                .put("docs/d/c.md", "# C\n")
                .push();

        assertThat(ok("GET", "/branches/main", null).path("commit").path("sha").asText())
                .isEqualTo(second);
        JsonNode tree = ok("GET", "/git/trees/" + first + "?recursive=1", null);
        assertThat(tree.path("tree").findValuesAsText("path")).contains("docs", "docs/a.md", "docs/b.md", "docs/c.md");
        String blobSha = tree.path("tree").get(1).path("sha").asText();
        JsonNode blob = ok("GET", "/git/blobs/" + blobSha, null);
        assertThat(new String(
                        Base64.getMimeDecoder().decode(blob.path("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("# A\n");
        assertThat(blobSha).isEqualTo("7f3b95d297183eca8f6cf38ceaa253bee8c2d7cd"); // git hash-object, as on GitHub

        JsonNode compare = ok("GET", "/compare/" + first + "..." + second, null);
        assertThat(compare.path("status").asText()).isEqualTo("ahead");
        Map<String, String> statuses = new TreeMap<>();
        compare.path("files")
                .forEach(f -> statuses.put(
                        f.path("filename").asText(),
                        f.path("status").asText()
                                + (f.has("previous_filename")
                                        ? " from " + f.path("previous_filename").asText()
                                        : "")));
        assertThat(statuses)
                .containsExactly(
                        Map.entry("docs/a.md", "modified"),
                        Map.entry("docs/b.md", "removed"),
                        Map.entry("docs/d/c.md", "renamed from docs/c.md"));
        assertThat(ok("GET", "/compare/" + second + "..." + first, null)
                        .path("status")
                        .asText())
                .isEqualTo("behind");
        assertThat(call("GET", "/compare/" + "0".repeat(40) + "..." + second, null, github.token())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_branch_a_commit_and_a_pull_request_are_made_once() throws Exception {
        String base = repo.commit("main").put("docs/a.md", "# A\n").push();
        assertThat(ok("POST", "/git/refs", "{\"ref\": \"refs/heads/fix\", \"sha\": \"" + base + "\"}")
                        .path("ref")
                        .asText())
                .isEqualTo("refs/heads/fix");
        assertThat(call("POST", "/git/refs", "{\"ref\": \"refs/heads/fix\", \"sha\": \"" + base + "\"}", github.token())
                        .statusCode())
                .isEqualTo(422);

        JsonNode file = ok("GET", "/contents/docs/a.md?ref=fix", null);
        String content = Base64.getEncoder().encodeToString("# A\n\nMore.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(call(
                                "PUT",
                                "/contents/docs/a.md",
                                "{\"message\": \"m\", \"content\": \"" + content + "\", \"branch\": \"fix\"}",
                                github.token())
                        .statusCode())
                .isEqualTo(422); // replacing a file needs its sha
        ok(
                "PUT",
                "/contents/docs/a.md",
                "{\"message\": \"More\", \"content\": \"" + content + "\", \"branch\": \"fix\", \"sha\": \""
                        + file.path("sha").asText() + "\"}");
        assertThat(repo.file("fix", "docs/a.md")).contains("# A\n\nMore.\n");
        assertThat(repo.file("main", "docs/a.md")).contains("# A\n");

        String pull = "{\"title\": \"Docs\", \"head\": \"fix\", \"base\": \"main\", \"body\": \"From a thread\"}";
        JsonNode pr = ok("POST", "/pulls", pull);
        assertThat(pr.path("html_url").asText()).isEqualTo(github.webUrl() + "/acme/handbook/pull/1");
        assertThat(call("POST", "/pulls", pull, github.token()).statusCode()).isEqualTo(422);
        assertThat(ok("GET", "/pulls?state=open&head=acme%3Afix", null).size()).isEqualTo(1);
        assertThat(ok("GET", "/pulls?state=open&head=acme%3Aother", null).size())
                .isZero();
        assertThat(repo.pullRequests()).singleElement().satisfies(p -> {
            assertThat(p.head()).isEqualTo("fix");
            assertThat(p.body()).isEqualTo("From a thread");
        });
    }

    @Test
    void a_spent_rate_limit_answers_403_with_the_reset_time() throws Exception {
        github.rateLimitNext(1, 30);
        HttpResponse<String> limited = call("GET", "/branches/main", null, github.token());
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(Long.parseLong(
                        limited.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                .isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(call("GET", "/branches/main", null, github.token()).statusCode())
                .isEqualTo(200);
        assertThat(github.requests())
                .containsExactly("GET /repos/acme/handbook/branches/main", "GET /repos/acme/handbook/branches/main");
    }
}
