package dev.ratchet.spi;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The documentation Ratchet indexes (sources configured by the operator, refreshed in the background): search over
 * all chunks by meaning, and whole documents. Methods query the database and may be called from any thread.
 *
 * @since 0.1
 */
public interface DocsService {

    /**
     * The chunks that best match {@code query} across every document, best first: ranked by meaning (embedding distance
     * over the whole corpus, not by path), into which the implementation may fuse the chunks sharing the query's words;
     * each hit carries its cosine distance either way.
     *
     * @param limit 1 to 50
     */
    List<DocHit> search(String query, int limit);

    /** A whole document, when stored. */
    Optional<Document> document(String sourceId, String path);

    /**
     * Several whole documents of one source, read together (one query where the implementation can; the default asks
     * {@link #document} for each), in no particular order; paths not stored are left out.
     *
     * @since 0.2
     */
    default List<Document> documents(String sourceId, Collection<String> paths) {
        return paths.stream()
                .distinct()
                .map(path -> document(sourceId, path))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Whether {@link #proposeChange} can open a change request (a pull request) on the Git host of a source: the
     * operator configured the source with write access ({@code write: true}). Cheap, no I/O; any thread.
     *
     * @since 0.2
     */
    default boolean canProposeChanges(String sourceId) {
        return false;
    }

    /**
     * Opens a change request (a pull request) that replaces one document's content, on a new branch started at
     * {@code baseRevision}. Writes to the Git host, so call it only when a person asked for the change. Blocks while
     * it talks to the host; any thread.
     *
     * <p>Idempotent per {@code branch}: when a change request from that branch is already open (a retried job, a
     * crash after the host answered), it is returned with {@link ChangeRequest#created()} false and nothing new is
     * committed or opened.
     *
     * @param sourceId     a source for which {@link #canProposeChanges} is true
     * @param path         the document's path within the source, as in {@link Document#path()}
     * @param baseRevision the revision the new content was written against, as in {@link Document#revision()}
     * @param newContent   the document's whole new text
     * @param branch       the branch to create ({@code ratchet/docs-c0123-1700000000}); letters, digits, {@code -_./}
     * @param title        the change request's title, also the commit message
     * @param body         the change request's description (Markdown)
     * @throws UnsupportedOperationException when the source cannot propose changes
     * @throws RatchetException              when the host refuses or cannot be reached, naming the fix
     * @since 0.2
     */
    default ChangeRequest proposeChange(
            String sourceId,
            String path,
            String baseRevision,
            String newContent,
            String branch,
            String title,
            String body)
            throws RatchetException {
        throw new UnsupportedOperationException("documentation source '" + sourceId + "' cannot propose changes");
    }

    /**
     * The ids of the alert-rules sources ({@code alert_rules: true} in the sources file): Git or GitHub repositories
     * holding the team's Prometheus/Alertmanager rule files. Cheap, no I/O; any thread.
     *
     * @since 0.2
     */
    default List<String> alertRuleSources() {
        return List.of();
    }

    /**
     * The rule files ({@code .yml}, {@code .yaml}) of an alert-rules source as of its last refresh, whole and ordered
     * by path; never searched by {@link #search}. Reads the database (blocks); any thread. A change to one is
     * proposed with {@link #proposeChange}, with the file's {@link Document#revision()} as the base.
     *
     * @param sourceId one of {@link #alertRuleSources()}
     * @throws UnsupportedOperationException when the source is not an alert-rules source
     * @since 0.2
     */
    default List<Document> alertRuleFiles(String sourceId) {
        throw new UnsupportedOperationException("documentation source '" + sourceId + "' is not an alert-rules source");
    }

    /**
     * The ids of the sources the operator marked as code ({@code code: true} in the sources file): repositories whose
     * new commits may change behaviour that the documentation describes. Cheap, no I/O; any thread.
     *
     * @since 0.2
     */
    default List<String> codeSources() {
        return List.of();
    }

    /**
     * The head revision of a code source and, when {@code sinceRevision} is given, the files changed between it and
     * the head, with their diffs. Reads the Git host (blocks); any thread. Nothing is stored: the caller keeps the
     * revision it has handled.
     *
     * @param sourceId      one of {@link #codeSources()}
     * @param sinceRevision the revision handled last, or null for the head alone (no files)
     * @throws UnsupportedOperationException when the source is not a code source
     * @throws RatchetException              when the host refuses or cannot be reached, naming the fix
     * @since 0.2
     */
    default CodeChanges codeChanges(String sourceId, String sinceRevision) throws RatchetException {
        throw new UnsupportedOperationException("documentation source '" + sourceId + "' is not a code source");
    }

    /**
     * What changed in a code source between two revisions.
     *
     * @param fromRevision the revision asked about, or null
     * @param toRevision   the head
     * @param files        the changed files, empty when {@code fromRevision} is null or equal to the head
     * @since 0.2
     */
    record CodeChanges(String sourceId, String fromRevision, String toRevision, List<FileChange> files) {}

    /**
     * One changed file of {@link CodeChanges}.
     *
     * @param status {@code added}, {@code modified}, {@code removed} or {@code renamed}
     * @param patch  its unified diff hunks (possibly cut short by the host for a large file), or "" when none
     * @since 0.2
     */
    record FileChange(String path, String status, String patch) {}

    /**
     * An opened change request.
     *
     * @param url     the pull request's web address, or the page to open one from the branch (a plain git source with
     *                {@code change_url}); null when the host has none and only the branch was pushed
     * @param branch  its branch
     * @param created false when it was already open (see {@link #proposeChange})
     * @since 0.2
     */
    record ChangeRequest(String url, String branch, boolean created) {}

    /**
     * A chunk found by {@link #search}.
     *
     * @param sourceId the source's id from the sources file
     * @param path     the document's path within the source
     * @param revision the document's revision (content hash, or commit)
     * @param url      a link to the document at that revision, when the source has a base URL
     * @param heading  the chunk's heading path ("Runbooks > Disk full")
     * @param text     the chunk's text
     * @param distance cosine distance to the query (0 = same meaning, 1 = unrelated, up to 2)
     */
    record DocHit(
            String sourceId, String path, String revision, String url, String heading, String text, double distance) {}

    /**
     * A stored document.
     *
     * @param title   the front matter's title, else the first heading, else the file name
     * @param content the full text
     */
    record Document(String sourceId, String path, String revision, String url, String title, String content) {}
}
