package dev.ratchet.core.docs;

import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.llm.Embedder;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DocumentRepository;
import dev.ratchet.spi.DocsService;
import dev.ratchet.spi.LlmUnavailableException;
import dev.ratchet.spi.RatchetException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexed documentation: refreshes configured sources (a folder, a Git repository, a GitHub repository) into
 * {@code docs_documents} and {@code docs_chunks}: only files that changed since the stored revision are read, only
 * those whose content changed are re-chunked and re-embedded, and deleted files are removed. Serves
 * {@link DocsService}, including pull requests for sources configured with {@code write: true}. A refresh is a
 * background job per source, run at start and every {@code docs.refresh-interval}; a rate-limited one is queued again
 * for when the host allows it.
 *
 * <p>Two refreshes of one source never run at once, in any process on the database: a refresh holds a PostgreSQL
 * session advisory lock keyed by the source id ({@link #lockKey}) and skips itself when another holds it. Every fetch
 * into a git source's clone happens under that lock, and a change proposed on a git source waits for it, so the
 * clone is never written by two Ratchet processes at once; {@link GitReader} also locks the clone's folder, for
 * processes on one machine that share {@code docs.cache-dir} but not a database.
 */
public final class Documentation implements DocsService {

    private static final Logger log = LoggerFactory.getLogger(Documentation.class);
    private static final Set<String> EXTENSIONS = Set.of(".md", ".markdown", ".txt", ".rst");
    private static final Set<String> RULE_EXTENSIONS = Set.of(".yml", ".yaml");

    private final DocumentRepository documents;
    private final Embedder embedder;
    private final JobSystem jobs;
    private final List<DocsSources.Source> sources;
    private final MarkdownChunker chunker = new MarkdownChunker(1200);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Documentation(Database db, Embedder embedder, JobSystem jobs, List<DocsSources.Source> sources) {
        this.documents = new DocumentRepository(db);
        this.embedder = embedder;
        this.jobs = jobs;
        this.sources = sources;
        jobs.registerHandler(Refresher.class, new Refresher());
    }

    public List<DocsSources.Source> sources() {
        return sources;
    }

    /** Queues a refresh of every source. */
    public void refreshAll() {
        for (DocsSources.Source s : sources) {
            jobs.enqueue(new RefreshJob(s.id()), "docs refresh " + s.id(), null, Duration.ZERO, 3, "docs");
        }
    }

    /** A refresh of one source. */
    public record RefreshJob(String sourceId) implements JobRequest {
        @Override
        public Class<Refresher> getJobRequestHandler() {
            return Refresher.class;
        }
    }

    /** Runs {@link RefreshJob}s. */
    public final class Refresher implements JobRequestHandler<RefreshJob> {
        @Override
        public void run(RefreshJob job) throws Exception {
            DocsSources.Source source = source(job.sourceId()).orElse(null);
            if (source == null) {
                log.info(
                        "docs source {} is no longer configured; its documents stay until it is removed",
                        job.sourceId());
                return;
            }
            try {
                refreshUnlessRunning(source);
            } catch (RateLimitedException e) {
                // not a failure to retry with backoff: the host said when, so the refresh is queued for then
                Duration wait = Duration.between(Instant.now(), e.retryAt()).plusSeconds(1);
                jobs.enqueue(
                        new RefreshJob(source.id()),
                        "docs refresh " + source.id(),
                        null,
                        wait.isNegative() ? Duration.ZERO : wait,
                        3,
                        "docs");
                log.warn(e.getMessage());
            }
        }
    }

    /**
     * What a refresh did.
     *
     * @param skipped true when another refresh of the source was running (in this or another process), so this one
     *                did nothing
     */
    public record RefreshResult(int documents, int changed, int removed, int chunks, boolean skipped) {
        static final RefreshResult SKIPPED = new RefreshResult(0, 0, 0, 0, true);
    }

    // a change proposed on a git source waits this long for a running refresh of it to finish
    private static final String CHANGE_LOCK_TIMEOUT = "2min";

    /**
     * The advisory lock of a source's refreshes: the first 8 bytes of the SHA-256 of {@code "ratchet docs " + id}
     * ({@code pg_locks} shows it as an {@code advisory} lock, the key split into {@code classid} and {@code objid}).
     */
    public static long lockKey(String sourceId) {
        return Long.parseUnsignedLong(sha256("ratchet docs " + sourceId).substring(0, 16), 16);
    }

    private Optional<DocsSources.Source> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private SourceReader reader(DocsSources.Source source) {
        return switch (source.kind()) {
            case "git" -> new GitReader(source);
            case "github" -> new GitHubReader(source, http, Clock.systemUTC());
            default -> new FolderReader(source.path());
        };
    }

    /**
     * Refreshes one source now, on this thread: reads what changed since the stored revision, re-chunks and re-embeds
     * the files whose content changed, removes deleted files, and records the new revision (or the error) for status.
     * When another refresh of the source is running (in this or another process), waits for it to finish (up to
     * {@value #REFRESH_WAIT}) and then refreshes, so what the caller sees afterwards is current; for
     * {@code ratchet docs refresh} and tests.
     *
     * @throws RateLimitedException when the Git host asks to wait; nothing was changed
     */
    public RefreshResult refresh(DocsSources.Source source) throws IOException, LlmUnavailableException {
        return refresh(source, true);
    }

    /**
     * Like {@link #refresh}, but returns {@link RefreshResult#skipped()} at once, doing nothing, when another refresh
     * of the source holds its lock (see the class comment): that one reads the same changes. For the recurring job.
     */
    public RefreshResult refreshUnlessRunning(DocsSources.Source source) throws IOException, LlmUnavailableException {
        return refresh(source, false);
    }

    private static final String REFRESH_WAIT = "10min";

    private RefreshResult refresh(DocsSources.Source source, boolean wait) throws IOException, LlmUnavailableException {
        // a session lock on a connection of its own: the refresh commits in many short transactions on others
        Optional<DocumentRepository.SessionLock> lock =
                documents.sessionLock(lockKey(source.id()), wait ? REFRESH_WAIT : null);
        if (lock.isEmpty()) {
            log.info(
                    "docs {}: refresh skipped, another refresh of this source is running (in this or another process)",
                    source.id());
            return RefreshResult.SKIPPED;
        }
        try (DocumentRepository.SessionLock held = lock.get()) {
            return refreshLocked(source);
        }
    }

    private RefreshResult refreshLocked(DocsSources.Source source) throws IOException, LlmUnavailableException {
        // a changed location or path prefix makes the stored revision meaningless: read everything again
        String fingerprint = source.location() + "|" + source.prefix();
        Map<String, Object> previous = documents.sourceAttrs(source.id());
        String storedRevision =
                fingerprint.equals(previous.get("fingerprint")) ? (String) previous.get("revision") : null;
        documents.upsertSource(source.id(), source.kind(), Map.of("location", source.location()));
        Map<String, String> stored = documents.revisions(source.id());
        try {
            SourceReader.Changes changes = reader(source).changesSince(storedRevision);
            int changed = 0;
            int chunks = 0;
            Map<String, String> seen = new TreeMap<>();
            try (SourceReader.Content files = changes.content()) {
                for (String path : changes.changed()) {
                    if (!included(source, path)) {
                        continue;
                    }
                    String content = files.read(path);
                    if (content == null) {
                        continue;
                    }
                    String revision = changes.revision() == null ? sha256(content) : changes.revision();
                    seen.put(path, revision);
                    int n = store(source, path, revision, content);
                    if (n >= 0) {
                        changed++;
                        chunks += n;
                    }
                }
            }
            List<String> gone = changes.complete()
                    ? stored.keySet().stream().filter(p -> !seen.containsKey(p)).toList()
                    : changes.deleted().stream()
                            .filter(p -> stored.containsKey(p) && !seen.containsKey(p))
                            .toList();
            for (String path : gone) {
                documents.deleteDocument(source.id(), path);
            }
            int documentCount = documents.countDocuments(source.id());
            String sourceRevision = changes.revision() != null
                    ? changes.revision()
                    : sha256(seen.toString()).substring(0, 12);
            status(
                    source.id(),
                    Map.of(
                            "revision",
                            sourceRevision,
                            "fingerprint",
                            fingerprint,
                            "last_refresh",
                            Instant.now().toString(),
                            "error",
                            ""));
            log.info(
                    "docs {}: {} document(s), {} changed ({} chunks), {} removed, at {}",
                    source.id(),
                    documentCount,
                    changed,
                    chunks,
                    gone.size(),
                    sourceRevision);
            return new RefreshResult(documentCount, changed, gone.size(), chunks, false);
        } catch (IOException | LlmUnavailableException | RuntimeException e) {
            status(
                    source.id(),
                    Map.of("last_refresh", Instant.now().toString(), "error", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /** Whether a file is documentation: under the source's path prefix, a text extension, no hidden folder on the way. */
    private static boolean included(DocsSources.Source source, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return (source.prefix().isEmpty() || path.startsWith(source.prefix() + "/"))
                && (source.alertRules() ? RULE_EXTENSIONS : EXTENSIONS).stream().anyMatch(lower::endsWith)
                && Stream.of(path.split("/")).noneMatch(seg -> seg.startsWith("."));
    }

    /**
     * Chunks, embeds and stores one document unless its content is unchanged; the number of chunks, or -1 when unchanged.
     * An unchanged document still takes {@code revision}: after the source moved (another repository or branch), the
     * one it was read at before may not exist where changes are now proposed and links now point.
     */
    private int store(DocsSources.Source source, String path, String revision, String content)
            throws LlmUnavailableException {
        boolean same = documents.hasContent(source.id(), path, content);
        if (same) {
            documents.setRevision(source.id(), path, revision);
            return -1;
        }
        if (source.alertRules()) {
            // rule files are read whole by the report module, never searched as documentation: no chunks, no embeddings
            documents.replaceDocument(source.id(), path, revision, Map.of("title", path), content, List.of());
            return 0;
        }
        MarkdownChunker.Split split = chunker.split(path.substring(path.lastIndexOf('/') + 1), content);
        List<String> texts = split.chunks().stream()
                .map(c -> (c.heading().isEmpty() ? "" : c.heading() + "\n") + c.text())
                .toList();
        List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embed(texts);
        List<DocumentRepository.NewChunk> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < split.chunks().size(); i++) {
            chunks.add(new DocumentRepository.NewChunk(
                    split.chunks().get(i).heading(), split.chunks().get(i).text(), vectors.get(i)));
        }
        documents.replaceDocument(
                source.id(),
                path,
                revision,
                Map.of("title", split.title(), "front_matter", split.frontMatter()),
                content,
                chunks);
        return split.chunks().size();
    }

    private void status(String sourceId, Map<String, Object> attrs) {
        documents.mergeSourceAttrs(sourceId, attrs);
    }

    /** One line per source: revision, documents, chunks, last refresh, last error. */
    public List<Map<String, Object>> status() {
        return documents.sources().stream()
                .map(source -> {
                    Map<String, Object> attrs = source.attrs();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", source.id());
                    row.put("kind", source.kind());
                    row.put("location", attrs.get("location"));
                    row.put("revision", attrs.get("revision"));
                    row.put("documents", source.documents());
                    row.put("chunks", source.chunks());
                    row.put("last_refresh", attrs.get("last_refresh"));
                    row.put("error", attrs.getOrDefault("error", ""));
                    return row;
                })
                .toList();
    }

    /** Chunks each ranking (by meaning, by words) contributes to the fusion. */
    private static final int CANDIDATES = 40;

    /** Reciprocal rank fusion's constant: a chunk's score from one ranking is weight / (RRF_K + rank). */
    private static final int RRF_K = 60;

    /**
     * The words' ranking's weight against the meaning's (1). Measured on docrag's relevance fixture (54 answerable
     * tuning questions typed as in Slack, mostly paraphrases): right page first 44 (meaning alone), 43 (0.15), 42
     * (0.3), 40 (1); in the first three 49, 50, 50, 49. Kept small: it finds exact words (commands, error messages)
     * that a paraphrase-heavy fixture does not reward. bge's query prefix ("Represent this sentence for searching
     * relevant passages: ") was measured too and left out: 43 against 44 first, 42 against 44 after fusion.
     */
    private static final double LEXICAL_WEIGHT = 0.15;

    /**
     * Hybrid: the {@value #CANDIDATES} chunks nearest by embedding and the {@value #CANDIDATES} best by their words
     * ({@code tsv}, any word of the query but question words) fused by weighted reciprocal rank; each hit keeps its
     * cosine distance.
     */
    @Override
    public List<DocHit> search(String query, int limit) {
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("limit must be between 1 and 50, was " + limit);
        }
        float[] q;
        try {
            q = embedder.embed(List.of(query)).get(0);
        } catch (LlmUnavailableException e) {
            throw new IllegalStateException("documentation search needs embeddings: " + e.getMessage(), e);
        }
        int candidates = Math.max(CANDIDATES, limit);
        Map<String, DocumentRepository.ChunkHit> byKey = new LinkedHashMap<>();
        Map<String, Double> fused = new java.util.HashMap<>();
        List<DocumentRepository.ChunkHit> semantic = documents.nearestChunks(q, candidates);
        String words = orQuery(query);
        List<DocumentRepository.ChunkHit> lexical =
                words.isEmpty() ? List.of() : documents.lexicalChunks(words, q, candidates);
        for (List<DocumentRepository.ChunkHit> ranking : List.of(semantic, lexical)) {
            double weight = ranking == semantic ? 1 : LEXICAL_WEIGHT;
            for (int i = 0; i < ranking.size(); i++) {
                DocumentRepository.ChunkHit c = ranking.get(i);
                String key = c.sourceId() + "\u0000" + c.path() + "\u0000" + c.heading() + "\u0000" + c.content();
                byKey.putIfAbsent(key, c);
                fused.merge(key, weight / (RRF_K + i + 1), Double::sum);
            }
        }
        return byKey.entrySet().stream()
                .sorted(java.util.Comparator.comparingDouble(
                                (Map.Entry<String, DocumentRepository.ChunkHit> e) -> -fused.get(e.getKey()))
                        .thenComparingDouble(e -> e.getValue().distance()))
                .limit(limit)
                .map(Map.Entry::getValue)
                .map(c -> new DocHit(
                        c.sourceId(),
                        c.path(),
                        c.revision(),
                        url(c.sourceId(), c.path(), c.revision()),
                        c.heading(),
                        c.content(),
                        c.distance()))
                .toList();
    }

    /**
     * Words of a typed question that say nothing about its topic, beyond PostgreSQL's English stop words (which
     * {@code to_tsquery} drops itself): matched as "any word", they would rank every page that says "get" or "need".
     */
    private static final Set<String> QUESTION_WORDS = Set.of(
            "get", "got", "need", "needs", "want", "whats", "how", "anyone", "someone", "know", "tell", "please", "pls",
            "thanks", "hey", "hi", "ok", "use", "go", "make", "do", "does", "can", "could", "would", "should", "via",
            "vs", "ppl", "people", "thing", "stuff", "way", "now", "new", "one", "also", "still", "just");

    /** The query's words (letters and digits, 2 or more) joined by {@code |} for {@code to_tsquery}; "" when none. */
    static String orQuery(String query) {
        return java.util.Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 2 && !QUESTION_WORDS.contains(w))
                .distinct()
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    private String url(String sourceId, String path, String revision) {
        return source(sourceId).map(s -> s.url(path, revision)).orElse(null);
    }

    @Override
    public boolean canProposeChanges(String sourceId) {
        return source(sourceId).map(DocsSources.Source::write).orElse(false);
    }

    @Override
    public List<String> alertRuleSources() {
        return sources().stream()
                .filter(DocsSources.Source::alertRules)
                .map(DocsSources.Source::id)
                .toList();
    }

    @Override
    public List<Document> alertRuleFiles(String sourceId) {
        if (source(sourceId).filter(DocsSources.Source::alertRules).isEmpty()) {
            throw new UnsupportedOperationException("documentation source '" + sourceId
                    + "' is not an alert-rules source; set alert_rules: true on a git or github source");
        }
        return documents.revisions(sourceId).keySet().stream()
                .sorted()
                .map(path -> document(sourceId, path))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public List<String> codeSources() {
        return sources().stream()
                .filter(DocsSources.Source::code)
                .map(DocsSources.Source::id)
                .toList();
    }

    @Override
    public CodeChanges codeChanges(String sourceId, String sinceRevision) throws RatchetException {
        DocsSources.Source source = source(sourceId)
                .filter(DocsSources.Source::code)
                .orElseThrow(() -> new UnsupportedOperationException("documentation source '" + sourceId
                        + "' is not a code source; set code: true on a git or github source"));
        try {
            if (source.kind().equals("git")) {
                return underRefreshLock(source, () -> new GitReader(source).codeChanges(sinceRevision));
            }
            return new GitHubReader(source, http, Clock.systemUTC()).codeChanges(sinceRevision);
        } catch (IOException e) {
            throw new RatchetException(e.getMessage(), e);
        }
    }

    @Override
    public ChangeRequest proposeChange(
            String sourceId,
            String path,
            String baseRevision,
            String newContent,
            String branch,
            String title,
            String body)
            throws RatchetException {
        DocsSources.Source source = source(sourceId)
                .filter(DocsSources.Source::write)
                .orElseThrow(() -> new UnsupportedOperationException("documentation source '" + sourceId
                        + "' cannot propose changes; set write: true on a git or github source"));
        if (!branch.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")
                || branch.contains("..")
                || branch.endsWith(".lock")
                || branch.endsWith("/")) {
            throw new IllegalArgumentException("branch '" + branch + "' is not a branch name");
        }
        try {
            ChangeRequest request;
            if (source.kind().equals("git")) {
                request = underRefreshLock(
                        source,
                        () -> new GitReader(source).proposeChange(path, baseRevision, newContent, branch, title, body));
                log.info(
                        "docs {}: branch {} for {} ({}){}",
                        sourceId,
                        branch,
                        path,
                        request.created() ? "pushed" : "already pushed",
                        request.url() == null ? "" : ", change request at " + request.url());
            } else {
                request = new GitHubReader(source, http, Clock.systemUTC())
                        .proposeChange(path, baseRevision, newContent, branch, title, body);
                log.info(
                        "docs {}: pull request {} for {} ({})",
                        sourceId,
                        request.url(),
                        path,
                        request.created() ? "opened" : "already open");
            }
            return request;
        } catch (IOException e) {
            throw new RatchetException(e.getMessage(), e);
        }
    }

    /** Git work on a source's clone. */
    private interface CloneWork<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the source's refresh lock, waiting up to {@link #CHANGE_LOCK_TIMEOUT} for a running refresh. */
    private <T> T underRefreshLock(DocsSources.Source source, CloneWork<T> work) throws IOException {
        try {
            return documents.underTransactionLock(lockKey(source.id()), CHANGE_LOCK_TIMEOUT, work::run);
        } catch (DocumentRepository.LockTimeoutException e) {
            throw new IOException(
                    "docs source " + source.id() + ": a refresh of it has been running for over " + CHANGE_LOCK_TIMEOUT
                            + "; propose the change again when it is done (ratchet docs status)",
                    e.getCause());
        }
    }

    @Override
    public Optional<Document> document(String sourceId, String path) {
        return documents
                .document(sourceId, path)
                .map(d -> new Document(
                        sourceId,
                        path,
                        d.revision(),
                        url(sourceId, path, d.revision()),
                        String.valueOf(d.attrs().getOrDefault("title", path)),
                        d.content()));
    }

    @Override
    public List<Document> documents(String sourceId, java.util.Collection<String> paths) {
        return documents.documents(sourceId, paths).entrySet().stream()
                .map(e -> new Document(
                        sourceId,
                        e.getKey(),
                        e.getValue().revision(),
                        url(sourceId, e.getKey(), e.getValue().revision()),
                        String.valueOf(e.getValue().attrs().getOrDefault("title", e.getKey())),
                        e.getValue().content()))
                .toList();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
