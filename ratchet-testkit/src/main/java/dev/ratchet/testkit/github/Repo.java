package dev.ratchet.testkit.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A repository of the {@link GitHubEmulator}: commits (each a whole tree of files), branches and pull requests. Blob
 * ids are Git's ({@code sha1("blob <size>\0" + content)}), so the same content has the same id. Thread-safe.
 */
public final class Repo {

    /** A commit: its id, parent (null for the first) and files (path to blob id). */
    record Commit(String sha, String parent, Map<String, String> tree) {}

    /** An opened pull request. */
    public record PullRequest(
            int number, String title, String body, String head, String base, String htmlUrl, String state) {}

    private static final AtomicLong COMMITS = new AtomicLong();

    private final String fullName;
    private final String webUrl;
    final Map<String, Commit> commits = new LinkedHashMap<>();
    final Map<String, byte[]> blobs = new LinkedHashMap<>();
    final Map<String, String> branches = new LinkedHashMap<>();
    final List<PullRequest> pulls = new ArrayList<>();

    final String defaultBranch;

    Repo(String fullName, String webUrl, String defaultBranch) {
        this.defaultBranch = defaultBranch;
        this.fullName = fullName;
        this.webUrl = webUrl;
        commitOn(defaultBranch, null, Map.of(), "initial commit");
    }

    /** owner/name. */
    public String fullName() {
        return fullName;
    }

    /** Starts a commit on {@code branch} (created from nothing when new); {@link Push#push()} makes it. */
    public Push commit(String branch) {
        return new Push(branch);
    }

    /** The head commit of a branch. */
    public synchronized String head(String branch) {
        String sha = branches.get(branch);
        if (sha == null) {
            throw new IllegalArgumentException(fullName + " has no branch " + branch);
        }
        return sha;
    }

    /** A file's text at a branch or commit, if there. */
    public synchronized Optional<String> file(String branchOrSha, String path) {
        Commit c = resolve(branchOrSha);
        return Optional.ofNullable(c == null ? null : c.tree().get(path))
                .map(blob -> new String(blobs.get(blob), StandardCharsets.UTF_8));
    }

    /** The pull requests opened so far, oldest first. */
    public synchronized List<PullRequest> pullRequests() {
        return List.copyOf(pulls);
    }

    /** The branches and their head commits. */
    public synchronized Map<String, String> branches() {
        return Map.copyOf(branches);
    }

    /** Files to add, change and delete in one commit. */
    public final class Push {
        private final String branch;
        private final Map<String, String> changes = new LinkedHashMap<>();

        private Push(String branch) {
            this.branch = branch;
        }

        public Push put(String path, String content) {
            changes.put(path, content);
            return this;
        }

        public Push delete(String path) {
            changes.put(path, null);
            return this;
        }

        /** Makes the commit; returns its id. */
        public String push() {
            synchronized (Repo.this) {
                return commitOn(branch, branches.get(branch), changes, "push to " + branch);
            }
        }
    }

    synchronized Commit resolve(String branchOrSha) {
        String sha = branches.getOrDefault(branchOrSha, branchOrSha);
        return commits.get(sha);
    }

    /** A new commit on {@code branch} from {@code parent} with {@code changes} (null content deletes); its id. */
    synchronized String commitOn(String branch, String parent, Map<String, String> changes, String message) {
        Map<String, String> tree =
                new TreeMap<>(parent == null ? Map.of() : commits.get(parent).tree());
        changes.forEach((path, content) -> {
            if (content == null) {
                tree.remove(path);
            } else {
                tree.put(path, blob(content.getBytes(StandardCharsets.UTF_8)));
            }
        });
        String sha = sha1(
                ("commit " + fullName + " " + parent + " " + tree + " " + message + " " + COMMITS.incrementAndGet())
                        .getBytes(StandardCharsets.UTF_8));
        commits.put(sha, new Commit(sha, parent, Collections.unmodifiableMap(tree))); // sorted, as Git trees are
        branches.put(branch, sha);
        return sha;
    }

    String blob(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        String sha = sha1(all);
        blobs.put(sha, content);
        return sha;
    }

    /** Whether {@code ancestor} is {@code sha} or one of its parents. */
    synchronized boolean reaches(String sha, String ancestor) {
        for (String s = sha; s != null; s = commits.get(s).parent()) {
            if (s.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    synchronized PullRequest open(String title, String body, String head, String base) {
        PullRequest pr = new PullRequest(
                pulls.size() + 1,
                title,
                body,
                head,
                base,
                webUrl + "/" + fullName + "/pull/" + (pulls.size() + 1),
                "open");
        pulls.add(pr);
        return pr;
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
