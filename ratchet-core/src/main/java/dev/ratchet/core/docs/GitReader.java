package dev.ratchet.core.docs;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Git repository, through JGit: a bare clone of the one branch in {@code docs.cache-dir}, fetched on each refresh
 * (forced, so a force push is followed too); the changes are the diff between the stored commit and the new head.
 */
final class GitReader implements SourceReader {

    private final DocsSources.Source source;
    private final String ref;
    private final Path dir;

    GitReader(DocsSources.Source source) {
        this.source = source;
        this.ref = Constants.R_HEADS + source.branch();
        // the URL's hash keeps two configurations that reuse an id from sharing (and corrupting) one clone
        this.dir = source.cacheDir().resolve(source.id() + "-" + Documentation.sha256(source.url()).substring(0, 12));
    }

    @Override
    public Changes changesSince(String storedRevision) throws IOException {
        Repository repo = update();
        try {
            ObjectId headId = repo.resolve(ref);
            if (headId == null) {
                throw new IOException("git source " + source.id() + ": branch '" + source.branch() + "' is not in " + source.url()
                        + "; set branch to one of its branches");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit head = walk.parseCommit(headId);
                RevCommit base = ancestor(walk, storedRevision, head);
                List<String> changed = new ArrayList<>();
                List<String> deleted = new ArrayList<>();
                try (TreeWalk tw = new TreeWalk(repo)) {
                    tw.setRecursive(true);
                    TreeFilter prefix = source.prefix().isEmpty() ? TreeFilter.ALL : PathFilter.create(source.prefix());
                    if (base == null) {
                        tw.addTree(head.getTree());
                        tw.setFilter(prefix);
                        while (tw.next()) {
                            changed.add(tw.getPathString());
                        }
                    } else {
                        tw.addTree(base.getTree());
                        tw.addTree(head.getTree());
                        tw.setFilter(AndTreeFilter.create(prefix, TreeFilter.ANY_DIFF));
                        for (DiffEntry d : DiffEntry.scan(tw)) {
                            switch (d.getChangeType()) {
                                case DELETE -> deleted.add(d.getOldPath());
                                case RENAME -> {
                                    deleted.add(d.getOldPath());
                                    changed.add(d.getNewPath());
                                }
                                default -> changed.add(d.getNewPath());
                            }
                        }
                    }
                }
                return new Changes(head.getName(), base == null, changed, deleted, new Content() {
                    @Override
                    public String read(String path) throws IOException {
                        try (TreeWalk file = TreeWalk.forPath(repo, path, head.getTree())) {
                            return file == null ? null : new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                        }
                    }

                    @Override
                    public void close() {
                        repo.close();
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /** The stored commit when the head descends from it, else null (first refresh, history rewritten, clone replaced). */
    private static RevCommit ancestor(RevWalk walk, String storedRevision, RevCommit head) throws IOException {
        if (storedRevision == null || !ObjectId.isId(storedRevision)) {
            return null;
        }
        try {
            RevCommit base = walk.parseCommit(ObjectId.fromString(storedRevision));
            return walk.isMergedInto(base, head) ? base : null;
        } catch (MissingObjectException e) {
            return null;
        }
    }

    /** Opens the clone, fetching the branch, or clones it first. */
    private Repository update() throws IOException {
        try {
            if (Files.isDirectory(dir.resolve("objects"))) {
                Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
                if (source.url().equals(repo.getConfig().getString("remote", "origin", "url"))) {
                    try (Git git = new Git(repo)) {
                        git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                                .setCredentialsProvider(credentials()).call();
                        return repo;
                    } catch (GitAPIException | RuntimeException e) {
                        repo.close();
                        throw e;
                    }
                }
                repo.close();
                delete(dir);
            }
            Files.createDirectories(dir.getParent());
            try (Git git = Git.cloneRepository().setURI(source.url()).setDirectory(dir.toFile()).setBare(true)
                    .setBranchesToClone(List.of(ref)).setBranch(ref).setCredentialsProvider(credentials()).call()) {
                return new FileRepositoryBuilder().setGitDir(git.getRepository().getDirectory()).setBare().build();
            }
        } catch (TransportException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("not authorized") || why.contains("Authentication is required") || why.contains("401")) {
                throw new IOException("git source " + source.id() + ": " + source.url() + " refused the credentials; " + (source.token() == null
                        ? "set token_env to an environment variable holding a token with read access"
                        : "the token from " + source.token().origin() + " is wrong, expired or lacks read access"), e);
            }
            throw new IOException("git source " + source.id() + ": cannot fetch " + source.url() + " (" + why
                    + "); check url and that this host can reach it", e);
        } catch (GitAPIException e) {
            throw new IOException("git source " + source.id() + ": cannot fetch " + source.url() + " (" + e.getMessage() + ")", e);
        }
    }

    private CredentialsProvider credentials() {
        DocsSources.Token token = source.token();
        return token == null ? null : new UsernamePasswordCredentialsProvider(token.username(), token.value());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
