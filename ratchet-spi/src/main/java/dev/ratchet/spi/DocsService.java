package dev.ratchet.spi;

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
     * The chunks closest in meaning to {@code query} across every document, best first (ranked by embedding distance
     * over the whole corpus, not by path).
     *
     * @param limit 1 to 50
     */
    List<DocHit> search(String query, int limit);

    /** A whole document, when stored. */
    Optional<Document> document(String sourceId, String path);

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
    record DocHit(String sourceId, String path, String revision, String url, String heading, String text, double distance) {
    }

    /**
     * A stored document.
     *
     * @param title   the front matter's title, else the first heading, else the file name
     * @param content the full text
     */
    record Document(String sourceId, String path, String revision, String url, String title, String content) {
    }
}
