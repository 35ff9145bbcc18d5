package dev.ratchet.core.docs;

import java.io.IOException;
import java.util.List;

/**
 * Reads one kind of documentation source: what it holds at its head, or what changed since the revision a previous
 * refresh stored. Paths are relative to the source (repository paths for git and github), with {@code /} separators;
 * {@link Documentation} filters them (path prefix, text extensions, hidden folders).
 */
interface SourceReader {

    /**
     * What changed since {@code storedRevision}; everything when it is null, unknown to the source, or no longer an
     * ancestor of the head (a force push).
     *
     * @throws RateLimitedException when the host asks to wait
     * @throws IOException          naming the source and the fix (credentials, URL, branch)
     */
    Changes changesSince(String storedRevision) throws IOException;

    /**
     * The outcome of {@link #changesSince}.
     *
     * @param revision the source's head revision (a commit id), or null when the source has none (a folder)
     * @param complete true when {@code changed} lists every file at the head, so stored documents missing from it
     *                 are deleted; false when {@code changed} and {@code deleted} are the difference only
     * @param changed  files added or modified (or every file, when complete)
     * @param deleted  files removed (empty when complete)
     * @param content  reads a listed file's text at the head; closed when the refresh is done
     */
    record Changes(String revision, boolean complete, List<String> changed, List<String> deleted, Content content) {}

    /** The text of files at the head revision. */
    interface Content extends AutoCloseable {
        /** The file's text as UTF-8, or null when the file is not there. */
        String read(String path) throws IOException;

        @Override
        default void close() {}
    }
}
