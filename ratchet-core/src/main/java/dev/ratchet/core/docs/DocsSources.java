package dev.ratchet.core.docs;

import dev.ratchet.core.StartupException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The documentation sources file ({@code docs.sources-file}):
 * <pre>
 * sources:
 *   - id: handbook                 # kebab-case, unique
 *     kind: folder                 # a local folder
 *     path: /srv/handbook          # relative paths are resolved against this file's folder
 *     url: https://github.com/acme/handbook/blob/main/{path}   # optional link template: {path}, {revision}
 *   - id: runbooks
 *     kind: git                    # a Git repository, cloned into docs.cache-dir and fetched on refresh
 *     url: https://git.example.com/ops/runbooks.git
 *     branch: main                 # default main
 *     path: docs                   # optional: only files under this folder
 *     token_env: RUNBOOKS_TOKEN    # optional: an environment variable holding a token (or token_file: a file holding it)
 *     web_url: https://git.example.com/ops/runbooks/blob/{revision}/{path}
 *     write: true                  # docupdate may push branches (needs push access)
 *     change_url: https://git.example.com/ops/runbooks/-/merge_requests/new?merge_request[source_branch]={branch}
 *     author: "Ratchet &lt;ratchet@example.com&gt;"   # the pushed commits' author, this by default
 *     code: true                   # optional (git and github): docupdate proposes doc changes from its commits
 *   - id: platform
 *     kind: github                 # a GitHub repository through the REST API
 *     repo: acme/platform
 *     api_url: https://github.example.com/api/v3   # default https://api.github.com
 *     token_env: GITHUB_TOKEN
 *     write: true                  # docupdate may open pull requests
 *     code: true                   # optional: a code repository; docupdate proposes doc changes from its commits
 *   - id: alert-rules
 *     kind: github                 # or git: the team's Prometheus/Alertmanager rule files
 *     repo: acme/prometheus-rules
 *     token_env: GITHUB_TOKEN
 *     write: true                  # the report module may open pull requests with rule changes
 *     alert_rules: true            # its .yml/.yaml files are rule files, kept whole (not searched as docs)
 *   - type: github                 # the Go Ratchet's format, read as it is: a github source authenticated as a
 *     github:                      # GitHub App installation (see GitHubApp); docupdate may open pull requests
 *       app_id: 123456
 *       installation_id: 7890123
 *       private_key_path: ratchet-app.private-key.pem   # relative to this file's folder
 *       github_url: https://github.com                  # or https://HOST of GitHub Enterprise (API at /api/v3)
 *       owner: acme
 *       repo: handbook
 *       path: docs
 * </pre>
 * A Go entry's id is its {@code name}, or else its {@code repo}, in kebab-case; it follows the repository's default
 * branch unless {@code branch} is given.
 * Secrets are never written in this file: {@code token_env} names an environment variable and {@code token_file} a
 * file (a mounted secret), read when the file is.
 */
public final class DocsSources {

    /** A token read from the environment or a file; {@link #toString()} says where from, never the value. */
    public static final class Token {
        private final String username;
        private final String value;
        private final String origin;

        Token(String username, String value, String origin) {
            this.username = username;
            this.value = value;
            this.origin = origin;
        }

        /** The user name to send with the token over Git's HTTP basic authentication. */
        public String username() {
            return username;
        }

        public String value() {
            return value;
        }

        /** Where the token comes from, for error messages: "the environment variable GITHUB_TOKEN". */
        public String origin() {
            return origin;
        }

        @Override
        public String toString() {
            return "token from " + origin;
        }
    }

    /**
     * One configured source.
     *
     * @param path        folder kind: the folder
     * @param urlTemplate link template for documents ({@code {path}}, {@code {revision}}), or null
     * @param url         git kind: the repository to clone
     * @param branch      git and github kinds: the branch followed
     * @param prefix      git and github kinds: only files under this folder ("" for all)
     * @param repo        github kind: owner/name
     * @param apiUrl      github kind: the REST API's base URL, without a trailing slash
     * @param token       git and github kinds: credentials, or null
     * @param write       whether changes may be proposed (pull requests; pushed branches for the git kind)
     * @param cacheDir    git kind: where the clone lives
     * @param changeUrl   git kind with write: the page to open a change request from a pushed branch ({@code {branch}},
     *                    {@code {base}}), or null
     * @param author      git kind: the author and committer of pushed commits, "Name &lt;email&gt;"
     * @param app         github kind: GitHub App credentials (instead of a token), or null
     * @param code        git and github kinds: a code repository whose commits docupdate compares with the documentation
     */
    public record Source(
            String id,
            String kind,
            Path path,
            String urlTemplate,
            String url,
            String branch,
            String prefix,
            String repo,
            String apiUrl,
            Token token,
            boolean write,
            Path cacheDir,
            String changeUrl,
            String author,
            GitHubApp app,
            boolean code,
            boolean alertRules) {

        /** A folder source. */
        public static Source folder(String id, Path path, String urlTemplate) {
            return new Source(
                    id,
                    "folder",
                    path,
                    urlTemplate,
                    null,
                    null,
                    "",
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    false,
                    false);
        }

        /** The change request page for a pushed branch, or null when the source has no {@code change_url}. */
        public String changeUrl(String changeBranch) {
            return changeUrl == null
                    ? null
                    : changeUrl.replace("{branch}", changeBranch).replace("{base}", branch);
        }

        public String url(String docPath, String revision) {
            return urlTemplate == null
                    ? null
                    : urlTemplate.replace("{path}", docPath).replace("{revision}", revision == null ? "" : revision);
        }

        /** Where the documents come from, for status: a folder, a clone URL, or owner/name at the API. */
        public String location() {
            return switch (kind) {
                case "git" -> url + " (" + branch + ")";
                case "github" ->
                    repo + " (" + (branch == null ? "default branch" : branch) + ") at " + apiUrl
                            + (app == null ? "" : " as GitHub App " + app.appId());
                default -> String.valueOf(path);
            };
        }
    }

    static final String GITHUB_API = "https://api.github.com";
    static final String DEFAULT_AUTHOR = "Ratchet <ratchet@example.com>";
    /** "Name &lt;email&gt;", as Git writes an author. */
    static final Pattern AUTHOR = Pattern.compile("\\s*([^<>]*[^<>\\s])\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*");

    private static final Map<String, Set<String>> KEYS = Map.of(
            "folder", Set.of("id", "kind", "path", "url", "web_url"),
            "git",
                    Set.of(
                            "id",
                            "kind",
                            "url",
                            "branch",
                            "path",
                            "username",
                            "token_env",
                            "token_file",
                            "web_url",
                            "write",
                            "change_url",
                            "author",
                            "code",
                            "alert_rules"),
            "github",
                    Set.of(
                            "id",
                            "kind",
                            "repo",
                            "branch",
                            "path",
                            "api_url",
                            "token_env",
                            "token_file",
                            "web_url",
                            "write",
                            "code",
                            "alert_rules"));

    private DocsSources() {}

    /** Reads the file with git clones under {@link #defaultCacheDir()} and tokens from the process environment. */
    public static List<Source> read(Path file) {
        return read(file, defaultCacheDir(), System::getenv);
    }

    /** {@code <java.io.tmpdir>/ratchet-docs}: clones survive restarts but may be removed at any time. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ratchet-docs");
    }

    /**
     * Reads and checks the file.
     *
     * @param cacheDir where git sources are cloned ({@code docs.cache-dir})
     * @param env      the environment, for {@code token_env}
     * @throws StartupException naming the file, the entry and the key for any problem
     */
    public static List<Source> read(Path file, Path cacheDir, UnaryOperator<String> env) {
        String name = "docs.sources-file " + file;
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    name + ": cannot read it (" + e.getMessage()
                            + "); set RATCHET_DOCS_SOURCES_FILE to a readable YAML file");
        } catch (RuntimeException e) {
            throw new StartupException(
                    StartupException.CONFIG,
                    name + ": not valid YAML ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("sources") instanceof List<?> entries)) {
            throw new StartupException(StartupException.CONFIG, name + ": expected a top-level 'sources:' list");
        }
        Path base = file.toAbsolutePath().getParent();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = name + ": sources[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> e)) {
                throw new StartupException(StartupException.CONFIG, where + " is not a mapping");
            }
            if (e.containsKey("type") && !e.containsKey("kind")) {
                sources.add(goGitHub(e, where, base, sources));
                continue;
            }
            String id = string(e, "id", where);
            if (!id.matches("[a-z][a-z0-9-]*") || sources.stream().anyMatch(s -> s.id().equals(id))) {
                throw new StartupException(
                        StartupException.CONFIG, where + ": id '" + id + "' must be kebab-case and unique");
            }
            Entry entry = new Entry(e, where + " (" + id + ")", base, env);
            String kind = entry.required("kind");
            Set<String> keys = KEYS.get(kind);
            if (keys == null) {
                throw new StartupException(
                        StartupException.CONFIG,
                        entry.where + ": kind '" + kind + "' is not supported; use folder, git or github");
            }
            for (Object key : e.keySet()) {
                if (!keys.contains(String.valueOf(key))) {
                    throw new StartupException(
                            StartupException.CONFIG,
                            entry.where + ": unknown key '" + key + "' for kind " + kind + "; use "
                                    + keys.stream().sorted().toList());
                }
            }
            sources.add(
                    switch (kind) {
                        case "folder" -> folder(id, entry);
                        case "git" -> git(id, entry, cacheDir);
                        default -> github(id, entry);
                    });
        }
        return List.copyOf(sources);
    }

    private static Source folder(String id, Entry e) {
        Path path = e.base.resolve(e.required("path")).normalize();
        if (!Files.isDirectory(path)) {
            throw e.error("path " + path + " is not a folder");
        }
        return Source.folder(id, path, e.optional("web_url", e.optional("url", null)));
    }

    private static Source git(String id, Entry e, Path cacheDir) {
        String url = e.required("url");
        if (!url.matches("(?i)(https?|ssh|git|file)://.+|[\\w.-]+@[\\w.-]+:.+|/.+")) {
            throw e.error(
                    "url '" + url + "' is not a Git URL; use https://host/owner/repo.git, ssh://..., or file:///path");
        }
        if (url.matches("(?i)https?://[^/]*:[^/]*@.*")) {
            throw e.error(
                    "url contains a password; remove it and name an environment variable holding it with token_env");
        }
        boolean write = e.write();
        Token token = e.token();
        if (write && token == null && url.matches("(?i)https?://.*")) {
            throw e.error("write: true needs a token with push access to " + url + "; add token_env (or token_file)");
        }
        String changeUrl = e.optional("change_url", null);
        if (changeUrl != null && (!write || !changeUrl.matches("https?://\\S+") || !changeUrl.contains("{branch}"))) {
            throw e.error(
                    !write
                            ? "change_url is set but write is not true; set write: true or remove change_url"
                            : "change_url '" + changeUrl + "' must be an http(s) URL containing {branch}, e.g. "
                                    + "https://gitlab.example.com/group/repo/-/merge_requests/new?merge_request[source_branch]={branch}");
        }
        String author = e.optional("author", DEFAULT_AUTHOR);
        if (!AUTHOR.matcher(author).matches()) {
            throw e.error("author '" + author + "' must be written as Name <email>, e.g. \"" + DEFAULT_AUTHOR + "\"");
        }
        return new Source(
                id,
                "git",
                null,
                e.optional("web_url", null),
                url,
                e.branch(),
                e.prefix(),
                null,
                null,
                token,
                write,
                cacheDir,
                changeUrl,
                author,
                null,
                e.code(),
                e.alertRules());
    }

    private static Source github(String id, Entry e) {
        String repo = e.required("repo");
        if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
            throw e.error("repo '" + repo + "' must be owner/name, e.g. acme/handbook");
        }
        String api = e.optional("api_url", GITHUB_API).replaceAll("/+$", "");
        URI apiUri;
        try {
            apiUri = URI.create(api);
        } catch (IllegalArgumentException ex) {
            throw e.error("api_url '" + api
                    + "' is not a URL; use https://api.github.com or https://HOST/api/v3 for GitHub Enterprise");
        }
        if (apiUri.getScheme() == null || !apiUri.getScheme().matches("https?") || apiUri.getHost() == null) {
            throw e.error(
                    "api_url '" + api
                            + "' is not an http(s) URL; use https://api.github.com or https://HOST/api/v3 for GitHub Enterprise");
        }
        boolean write = e.write();
        Token token = e.token();
        if (write && token == null) {
            throw e.error("write: true needs a token with contents and pull-requests write access; add token_env");
        }
        String web = api.equals(GITHUB_API) ? "https://github.com" : api.replaceAll("/api/v3$", "");
        String branch = e.branch();
        return new Source(
                id,
                "github",
                null,
                e.optional("web_url", web + "/" + repo + "/blob/{revision}/{path}"),
                null,
                branch,
                e.prefix(),
                repo,
                api,
                token,
                write,
                null,
                null,
                null,
                null,
                e.code(),
                e.alertRules());
    }

    private static final Set<String> GO_KEYS = Set.of("type", "name", "github");
    private static final Set<String> GO_GITHUB_KEYS =
            Set.of("app_id", "installation_id", "private_key_path", "github_url", "owner", "repo", "path", "branch");

    /** An entry in the Go Ratchet's format: {@code type: github} and a {@code github:} block with App credentials. */
    private static Source goGitHub(Map<?, ?> e, String where, Path base, List<Source> before) {
        String type = String.valueOf(e.get("type"));
        if (!type.equals("github")) {
            throw new StartupException(
                    StartupException.CONFIG,
                    where + ": type '" + type + "' is not supported; the Go Ratchet's format has only type: github"
                            + " (this project's own format has kind: folder, git or github)");
        }
        for (Object key : e.keySet()) {
            if (!GO_KEYS.contains(String.valueOf(key))) {
                throw new StartupException(
                        StartupException.CONFIG,
                        where + ": unknown key '" + key + "' for type github; use "
                                + GO_KEYS.stream().sorted().toList());
            }
        }
        if (!(e.get("github") instanceof Map<?, ?> g)) {
            throw new StartupException(
                    StartupException.CONFIG,
                    where + ": type github needs a 'github:' mapping with app_id, installation_id, private_key_path,"
                            + " github_url, owner, repo and path");
        }
        String owner = string(g, "owner", where + ".github");
        String repoName = string(g, "repo", where + ".github");
        String named = e.get("name") == null ? repoName : String.valueOf(e.get("name"));
        String id = named.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0))) {
            id = "github-" + id;
        }
        if (taken(before, id)) {
            id = (owner + "-" + repoName).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
        if (taken(before, id)) {
            throw new StartupException(
                    StartupException.CONFIG,
                    where + ": a second source for " + owner + "/" + repoName + "; give each a distinct name");
        }
        Entry entry = new Entry(g, where + " (" + id + ")", base, name -> null);
        for (Object key : g.keySet()) {
            if (!GO_GITHUB_KEYS.contains(String.valueOf(key))) {
                throw entry.error("unknown key '" + key + "' under github; use "
                        + GO_GITHUB_KEYS.stream().sorted().toList());
            }
        }
        String repo = owner + "/" + repoName;
        if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
            throw entry.error(
                    "owner '" + owner + "' and repo '" + repoName + "' must be GitHub names, e.g. acme and handbook");
        }
        long appId = entry.positive("app_id");
        long installationId = entry.positive("installation_id");
        Path keyPath = base.resolve(entry.required("private_key_path")).normalize();
        java.security.PrivateKey key;
        String fix = "; point private_key_path at the GitHub App's private key (a .pem from the App's settings page:"
                + " Private keys, Generate a private key)";
        try {
            key = GitHubApp.readKey(keyPath);
        } catch (IOException ex) {
            throw entry.error("private_key_path " + keyPath + " cannot be read ("
                    + ex.getClass().getSimpleName() + ")" + fix);
        } catch (IllegalArgumentException ex) {
            throw entry.error("private_key_path " + keyPath + ": " + ex.getMessage() + fix);
        }
        String github = entry.optional("github_url", "https://github.com").replaceAll("/+$", "");
        if (!github.matches("https?://[^/\\s]+(/\\S*)?")) {
            throw entry.error("github_url '" + github
                    + "' is not an http(s) URL; use https://github.com or https://HOST for GitHub Enterprise");
        }
        String web = github.replaceAll("/api/v3$", "");
        String api = web.matches("https?://(www\\.)?github\\.com") ? GITHUB_API : web + "/api/v3";
        String branch = entry.optional("branch", null) == null ? null : entry.branch();
        return new Source(
                id,
                "github",
                null,
                web + "/" + repo + "/blob/{revision}/{path}",
                null,
                branch,
                entry.prefix(),
                repo,
                api,
                null,
                true,
                null,
                null,
                null,
                new GitHubApp(appId, installationId, keyPath, key),
                false,
                false);
    }

    private static boolean taken(List<Source> sources, String id) {
        return sources.stream().anyMatch(s -> s.id().equals(id));
    }

    /** One entry of the file, with its location for messages. */
    private record Entry(Map<?, ?> map, String where, Path base, UnaryOperator<String> env) {

        String required(String key) {
            return string(map, key, where);
        }

        String optional(String key, String fallback) {
            Object v = map.get(key);
            return v == null || String.valueOf(v).isBlank()
                    ? fallback
                    : String.valueOf(v).trim();
        }

        long positive(String key) {
            String v = required(key).trim();
            try {
                long n = Long.parseLong(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // the message below
            }
            throw error(key + " must be a positive number (the GitHub App's " + key.replace('_', ' ') + "), was '" + v
                    + "'");
        }

        boolean alertRules() {
            String rules = optional("alert_rules", "false");
            if (!rules.equalsIgnoreCase("true") && !rules.equalsIgnoreCase("false")) {
                throw error("alert_rules must be true or false, was '" + rules + "'");
            }
            return Boolean.parseBoolean(rules);
        }

        boolean code() {
            String code = optional("code", "false");
            if (!code.equalsIgnoreCase("true") && !code.equalsIgnoreCase("false")) {
                throw error("code must be true or false, was '" + code + "'");
            }
            return Boolean.parseBoolean(code);
        }

        boolean write() {
            String write = optional("write", "false");
            if (!write.equalsIgnoreCase("true") && !write.equalsIgnoreCase("false")) {
                throw error("write must be true or false, was '" + write + "'");
            }
            return Boolean.parseBoolean(write);
        }

        String branch() {
            String branch = optional("branch", "main");
            if (!branch.matches("[\\w./-]+") || branch.contains("..")) {
                throw error("branch '" + branch + "' is not a branch name");
            }
            return branch;
        }

        /** The path prefix, without leading or trailing slashes, "" for the whole repository. */
        String prefix() {
            String prefix = optional("path", "").replace('\\', '/').replaceAll("^/+|/+$", "");
            if (prefix.equals(".") || prefix.isEmpty()) {
                return "";
            }
            if (List.of(prefix.split("/")).contains("..")) {
                throw error("path '" + prefix + "' must stay inside the repository");
            }
            return prefix;
        }

        Token token() {
            String envName = optional("token_env", null);
            String fileName = optional("token_file", null);
            if (envName != null && fileName != null) {
                throw error("token_env and token_file are both set; keep one");
            }
            if (envName != null) {
                String value = env.apply(envName);
                if (value == null || value.isBlank()) {
                    throw error("token_env names the environment variable " + envName
                            + ", which is not set; export it or remove token_env");
                }
                return new Token(optional("username", "git"), value.trim(), "the environment variable " + envName);
            }
            if (fileName != null) {
                Path f = base.resolve(fileName).normalize();
                try {
                    String value = Files.readString(f).trim();
                    if (value.isEmpty()) {
                        throw error("token_file " + f + " is empty; write the token in it");
                    }
                    return new Token(optional("username", "git"), value, "token_file " + f);
                } catch (IOException ex) {
                    throw error("token_file " + f + " cannot be read ("
                            + ex.getClass().getSimpleName() + "); point it at a readable file");
                }
            }
            return null;
        }

        StartupException error(String problem) {
            return new StartupException(StartupException.CONFIG, where + ": " + problem);
        }
    }

    private static String string(Map<?, ?> e, String key, String where) {
        Object v = e.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new StartupException(StartupException.CONFIG, where + ": missing key '" + key + "'");
        }
        return String.valueOf(v);
    }
}
