package dev.ratchet.core.docs;

import dev.ratchet.spi.DocsService;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A Git repository, through JGit: a bare clone of the one branch in {@code docs.cache-dir}, fetched on each refresh
 * (forced, so a force push is followed too); the changes are the diff between the stored commit and the new head.
 *
 * <p>Changes ({@code write: true}): a commit of the new file content on top of the base revision, built in the clone
 * without a work tree and pushed to a new branch; an existing branch that already holds the content is reused, and
 * one holding other commits is never overwritten (the push expects the branch to be absent, or at the base revision).
 *
 * <p>The clone is used by one reader at a time: threads of this process wait on a semaphore and other processes on
 * this machine (another Ratchet database sharing {@code docs.cache-dir}, a {@code ratchet docs refresh}) on a file
 * lock next to it. Processes on other machines have clones of their own; {@link Documentation}'s advisory lock keeps
 * refreshes of one source apart across all of them.
 */
final class GitReader implements SourceReader {

    private static final Map<Path, Semaphore> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private final DocsSources.Source source;
    private final String ref;
    private final Path dir;

    GitReader(DocsSources.Source source) {
        this.source = source;
        this.ref = Constants.R_HEADS + source.branch();
        // the URL's hash keeps two configurations that reuse an id from sharing (and corrupting) one clone
        this.dir = source.cacheDir()
                .resolve(source.id() + "-" + Documentation.sha256(source.url()).substring(0, 12));
    }

    @Override
    public Changes changesSince(String storedRevision) throws IOException {
        Closeable lock = lockClone();
        Repository repo;
        try {
            repo = update();
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            ObjectId headId = repo.resolve(ref);
            if (headId == null) {
                throw new IOException("git source " + source.id() + ": branch '" + source.branch() + "' is not in "
                        + source.url() + "; set branch to one of its branches");
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
                        return GitReader.read(repo, head.getTree(), path);
                    }

                    @Override
                    public void close() {
                        repo.close();
                        closeQuietly(lock);
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            repo.close();
            lock.close();
            throw e;
        }
    }

    /**
     * See {@link DocsService#codeChanges}: the diff between {@code since} and the fetched head, file by file under the
     * source's path; none when {@code since} is not an ancestor of the head (a force push).
     */
    DocsService.CodeChanges codeChanges(String since) throws IOException {
        try (Closeable lock = lockClone();
                Repository repo = update();
                RevWalk walk = new RevWalk(repo)) {
            ObjectId headId = repo.resolve(ref);
            if (headId == null) {
                throw new IOException("git source " + source.id() + ": branch '" + source.branch() + "' is not in "
                        + source.url() + "; set branch to one of its branches");
            }
            RevCommit head = walk.parseCommit(headId);
            List<DocsService.FileChange> files = new ArrayList<>();
            RevCommit base = since == null || since.equals(head.getName()) ? null : ancestor(walk, since, head);
            if (base != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (DiffFormatter diff = new DiffFormatter(out)) {
                    diff.setRepository(repo);
                    if (!source.prefix().isEmpty()) {
                        diff.setPathFilter(PathFilter.create(source.prefix()));
                    }
                    for (DiffEntry d : diff.scan(base.getTree(), head.getTree())) {
                        out.reset();
                        diff.format(d);
                        diff.flush();
                        String text = out.toString(StandardCharsets.UTF_8);
                        int hunks = text.indexOf("@@");
                        String status = switch (d.getChangeType()) {
                            case ADD, COPY -> "added";
                            case DELETE -> "removed";
                            case RENAME -> "renamed";
                            default -> "modified";
                        };
                        files.add(new DocsService.FileChange(
                                d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath(),
                                status,
                                hunks < 0 ? "" : text.substring(hunks).stripTrailing()));
                    }
                }
            }
            return new DocsService.CodeChanges(source.id(), since, head.getName(), List.copyOf(files));
        }
    }

    /** See {@link DocsService#proposeChange}; the change request's URL is the source's {@code change_url}, or null. */
    DocsService.ChangeRequest proposeChange(
            String path, String baseRevision, String newContent, String branch, String title, String body)
            throws IOException {
        String target = Constants.R_HEADS + branch;
        String where = "git source " + source.id() + ": branch " + branch + " on " + source.url();
        if (!ObjectId.isId(baseRevision)) {
            throw new IOException("git source " + source.id() + ": base revision '" + baseRevision
                    + "' is not a commit id; refresh the source");
        }
        try (Closeable lock = lockClone();
                Repository repo = update();
                Git git = new Git(repo);
                RevWalk walk = new RevWalk(repo);
                ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit base;
            try {
                base = walk.parseCommit(ObjectId.fromString(baseRevision));
            } catch (MissingObjectException e) {
                throw new IOException(
                        "git source " + source.id() + ": revision " + baseRevision + " is no longer in " + source.url()
                                + " (history rewritten?); refresh the source and propose the change again",
                        e);
            }
            Ref existing = git.lsRemote()
                    .setRemote("origin")
                    .setHeads(true)
                    .setCredentialsProvider(credentials())
                    .callAsMap()
                    .get(target);
            if (existing != null) {
                git.fetch()
                        .setRemote("origin")
                        .setRefSpecs(new RefSpec(target))
                        .setCredentialsProvider(credentials())
                        .call();
                RevCommit tip = walk.parseCommit(existing.getObjectId());
                if (newContent.equals(read(repo, tip.getTree(), path))) {
                    return new DocsService.ChangeRequest(
                            source.changeUrl(branch), branch, false); // pushed before: a retry
                }
                if (!tip.equals(base)) {
                    throw new IOException(where + " already exists with other commits ("
                            + tip.abbreviate(10).name()
                            + "); Ratchet never overwrites a branch: delete it, or merge or close its change first");
                }
            }
            ObjectId commit = commit(repo, inserter, base, path, newContent, title + "\n\n" + body + "\n");
            RemoteRefUpdate update = new RemoteRefUpdate(
                    repo,
                    commit.name(),
                    commit,
                    target,
                    false,
                    null,
                    existing == null ? ObjectId.zeroId() : existing.getObjectId());
            try (Transport transport = Transport.open(repo, new URIish(source.url()))) {
                transport.setCredentialsProvider(credentials());
                RemoteRefUpdate.Status status = transport
                        .push(NullProgressMonitor.INSTANCE, List.of(update))
                        .getRemoteUpdate(target)
                        .getStatus();
                switch (status) {
                    case OK, UP_TO_DATE -> {
                        return new DocsService.ChangeRequest(source.changeUrl(branch), branch, true);
                    }
                    case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD ->
                        throw new IOException(
                                where
                                        + " was created or moved by someone else meanwhile; Ratchet never overwrites a branch: propose the change again");
                    default ->
                        throw new IOException(where + ": the push was refused (" + status
                                + (update.getMessage() == null ? "" : ": " + update.getMessage()) + "); check that "
                                + (source.token() == null
                                        ? "this host"
                                        : "the token from " + source.token().origin()) + " may push branches");
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException(
                    "git source " + source.id() + ": url '" + source.url() + "' cannot be pushed to (" + e.getMessage()
                            + ")",
                    e);
        } catch (TransportException | org.eclipse.jgit.errors.TransportException e) {
            throw failure(e, "push to", "write");
        } catch (GitAPIException e) {
            throw new IOException(
                    "git source " + source.id() + ": cannot push to " + source.url() + " (" + e.getMessage() + ")", e);
        }
    }

    /** A commit of {@code base}'s tree with one file replaced (or added), as the source's author. */
    private ObjectId commit(
            Repository repo, ObjectInserter inserter, RevCommit base, String path, String content, String message)
            throws IOException {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
        DirCache index;
        try (ObjectReader reader = repo.newObjectReader()) {
            index = DirCache.read(reader, base.getTree());
        }
        DirCacheEditor editor = index.editor();
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                // keep an executable bit; a new file (no mode yet) is a regular one
                entry.setFileMode(
                        FileMode.EXECUTABLE_FILE.equals(entry.getFileMode())
                                ? FileMode.EXECUTABLE_FILE
                                : FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
            }
        });
        editor.finish();
        Matcher author =
                DocsSources.AUTHOR.matcher(source.author() == null ? DocsSources.DEFAULT_AUTHOR : source.author());
        if (!author.matches()) {
            throw new IllegalStateException("author was checked when the sources file was read");
        }
        PersonIdent who = new PersonIdent(author.group(1), author.group(2));
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(index.writeTree(inserter));
        builder.setParentId(base);
        builder.setAuthor(who);
        builder.setCommitter(who);
        builder.setMessage(message);
        ObjectId id = inserter.insert(builder);
        inserter.flush();
        return id;
    }

    private static String read(Repository repo, RevTree tree, String path) throws IOException {
        try (TreeWalk file = TreeWalk.forPath(repo, path, tree)) {
            return file == null
                    ? null
                    : new String(repo.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until no other reader of this process or of another process on this machine uses the clone; closing the
     * result lets the next one in.
     */
    private Closeable lockClone() throws IOException {
        Semaphore local = LOCAL_LOCKS.computeIfAbsent(dir, d -> new Semaphore(1));
        try {
            local.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(
                    "git source " + source.id() + ": interrupted while waiting for the clone in " + dir);
        }
        try {
            Files.createDirectories(dir.getParent());
            FileChannel channel = FileChannel.open(
                    dir.resolveSibling(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return () -> {
                try {
                    held.release();
                    channel.close();
                } finally {
                    local.release();
                }
            };
        } catch (IOException | RuntimeException e) {
            local.release();
            throw e;
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // the lock file's channel failed to close; the lock goes with the process at the latest
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
                Repository repo = new FileRepositoryBuilder()
                        .setGitDir(dir.toFile())
                        .setBare()
                        .build();
                if (source.url().equals(repo.getConfig().getString("remote", "origin", "url"))) {
                    try (Git git = new Git(repo)) {
                        git.fetch()
                                .setRemote("origin")
                                .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                                .setCredentialsProvider(credentials())
                                .call();
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
            try (Git git = Git.cloneRepository()
                    .setURI(source.url())
                    .setDirectory(dir.toFile())
                    .setBare(true)
                    .setBranchesToClone(List.of(ref))
                    .setBranch(ref)
                    .setCredentialsProvider(credentials())
                    .call()) {
                return new FileRepositoryBuilder()
                        .setGitDir(git.getRepository().getDirectory())
                        .setBare()
                        .build();
            }
        } catch (TransportException e) {
            throw failure(e, "fetch", "read");
        } catch (GitAPIException e) {
            throw new IOException(
                    "git source " + source.id() + ": cannot fetch " + source.url() + " (" + e.getMessage() + ")", e);
        }
    }

    /** A transport failure as an error naming the fix: the credentials, or the URL. */
    private IOException failure(Exception e, String verb, String access) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("not authorized") || why.contains("Authentication is required") || why.contains("401")) {
            return new IOException(
                    "git source " + source.id() + ": " + source.url() + " refused the credentials; "
                            + (source.token() == null
                                    ? "set token_env to an environment variable holding a token with " + access
                                            + " access"
                                    : "the token from " + source.token().origin() + " is wrong, expired or lacks "
                                            + access + " access"),
                    e);
        }
        return new IOException(
                "git source " + source.id() + ": cannot " + verb + " " + source.url() + " (" + why
                        + "); check url and that this host can reach it",
                e);
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
