package dev.ratchet.core.docs;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.Redaction;
import dev.ratchet.core.llm.LlmDoctor.Check;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DocumentRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documentation sources part of {@code ratchet doctor}: each source of {@code docs.sources-file} reachable (a
 * folder that exists; a Git remote or GitHub repository that answers, with the configured token) and its last
 * refresh without error; one line each with the fix.
 */
public final class DocsDoctor {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private DocsDoctor() {}

    public static List<Check> check(DocsSettings settings, Database db) {
        List<Check> checks = new ArrayList<>();
        if (settings.sourcesFile().isEmpty()) {
            return checks;
        }
        List<DocsSources.Source> sources;
        try {
            sources = settings.sources();
        } catch (StartupException | IllegalArgumentException e) {
            checks.add(new Check("docs sources", false, e.getMessage()));
            return checks;
        }
        if (sources.isEmpty()) {
            checks.add(new Check(
                    "docs sources",
                    false,
                    settings.sourcesFile().get() + " lists no sources; add one or unset RATCHET_DOCS_SOURCES_FILE"));
            return checks;
        }
        DocumentRepository documents = new DocumentRepository(db);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (DocsSources.Source s : sources) {
            String name = "docs " + s.id();
            Optional<String> unreachable = unreachable(s, http);
            if (unreachable.isPresent()) {
                checks.add(new Check(name, false, Redaction.redact(s.location()) + ": " + unreachable.get()));
                continue;
            }
            Map<String, Object> attrs = documents.sourceAttrs(s.id());
            Object last = attrs.get("last_refresh");
            String error = String.valueOf(attrs.getOrDefault("error", ""));
            if (last == null) {
                checks.add(new Check(
                        name,
                        true,
                        Redaction.redact(s.location())
                                + " is reachable; not refreshed yet: 'ratchet docs refresh' or 'ratchet run' "
                                + "reads it"));
            } else if (!error.isEmpty()) {
                checks.add(new Check(
                        name,
                        false,
                        Redaction.redact(s.location()) + ": the last refresh (" + last + ") failed: "
                                + Redaction.redact(error) + "; fix it and run 'ratchet docs refresh'"));
            } else {
                checks.add(new Check(name, true, Redaction.redact(s.location()) + ", last refreshed " + last));
            }
        }
        return checks;
    }

    /** Why the source cannot be read, or empty when it answers (or cannot be probed without fetching it). */
    static Optional<String> unreachable(DocsSources.Source s, HttpClient http) {
        switch (s.kind()) {
            case "folder" -> {
                return Files.isDirectory(s.path()) && Files.isReadable(s.path())
                        ? Optional.empty()
                        : Optional.of("no readable folder there; fix 'path' in the sources file");
            }
            case "git" -> {
                if (s.url() == null || !s.url().matches("(?i)https?://.*")) {
                    return Optional.empty(); // ssh or a local path: only a fetch tells
                }
                String url = s.url().replaceAll("/+$", "") + "/info/refs?service=git-upload-pack";
                return probe(http, url, s, "basic", "the Git remote");
            }
            case "github" -> {
                if (s.app() != null) {
                    return Optional.empty(); // the App's installation token is made by a refresh
                }
                String url = s.apiUrl().replaceAll("/+$", "") + "/repos/" + s.repo();
                return probe(http, url, s, "bearer", "the GitHub repository");
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> probe(
            HttpClient http, String url, DocsSources.Source s, String scheme, String what) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
        if (s.token() != null) {
            request.header(
                    "Authorization",
                    scheme.equals("bearer")
                            ? "Bearer " + s.token().value()
                            : "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((s.token().username() + ":"
                                                            + s.token().value())
                                                    .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            if (code / 100 == 2) {
                return Optional.empty();
            }
            String token = s.token() == null
                    ? "no token is configured (token_env or token_file)"
                    : s.token().toString();
            return Optional.of(
                    switch (code) {
                        case 401, 403 ->
                            what + " refused the credentials (HTTP " + code + "); " + token
                                    + ": check it has read access";
                        case 404 ->
                            what + " was not found (HTTP 404): check the repository name, or " + token
                                    + " has no access to it";
                        default -> what + " answered HTTP " + code + "; try again later or check the URL";
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.of(what + " does not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Redaction.redact(e.getMessage())) + "); check the URL "
                    + "and the network");
        }
    }
}
