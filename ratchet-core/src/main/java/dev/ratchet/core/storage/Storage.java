package dev.ratchet.core.storage;

/**
 * The repositories over one database, for callers outside core (the app, the test kit, tests), and transactions
 * spanning several of them: a repository called inside {@link #transaction} joins it.
 */
public final class Storage {

    private final Database db;
    private final MessageRepository messages;
    private final ModuleRunRepository moduleRuns;
    private final BotPostRepository botPosts;
    private final LlmCallRepository llmCalls;
    private final DocumentRepository documents;
    private final DirectoryRepository directory;
    private final SettingsRepository settings;
    private final EmbeddingRepository embeddings;
    private final AlertRepository alerts;
    private final QuestionRepository questions;

    public Storage(Database db) {
        this.db = db;
        this.messages = new MessageRepository(db);
        this.moduleRuns = new ModuleRunRepository(db);
        this.botPosts = new BotPostRepository(db);
        this.llmCalls = new LlmCallRepository(db);
        this.documents = new DocumentRepository(db);
        this.directory = new DirectoryRepository(db);
        this.settings = new SettingsRepository(db);
        this.embeddings = new EmbeddingRepository(db);
        this.alerts = new AlertRepository(db);
        this.questions = new QuestionRepository(db);
    }

    public MessageRepository messages() {
        return messages;
    }

    public ModuleRunRepository moduleRuns() {
        return moduleRuns;
    }

    public BotPostRepository botPosts() {
        return botPosts;
    }

    public LlmCallRepository llmCalls() {
        return llmCalls;
    }

    public DocumentRepository documents() {
        return documents;
    }

    public DirectoryRepository directory() {
        return directory;
    }

    public SettingsRepository settings() {
        return settings;
    }

    public EmbeddingRepository embeddings() {
        return embeddings;
    }

    /** The classifier's alert events, stored as its annotation of messages. */
    public AlertRepository alerts() {
        return alerts;
    }

    /** The questions people asked, stored beside the classifier's alert annotation. */
    public QuestionRepository questions() {
        return questions;
    }

    /** Hybrid search over the messages with the default floor on the semantic ranking (see {@link HybridSearch}). */
    public HybridSearch hybridSearch() {
        return new HybridSearch(db, messages);
    }

    /** Hybrid search over the messages whose semantic ranking keeps what is nearer than {@code maxDistance}. */
    public HybridSearch hybridSearch(double maxDistance) {
        return new HybridSearch(db, messages, maxDistance);
    }

    /**
     * As {@link #hybridSearch(double)}, with the relevance cut ({@link SearchCut}) at the probability {@code
     * relevanceCut} ({@link SearchCut#OFF}: none).
     */
    public HybridSearch hybridSearch(double maxDistance, double relevanceCut) {
        return new HybridSearch(db, messages, maxDistance, true, relevanceCut);
    }

    /** The module_state rows of one module, as its {@code ModuleStore}. */
    public StoredModuleState moduleState(String moduleId) {
        return new StoredModuleState(db, moduleId);
    }

    /** Runs {@code work} in one transaction (see {@link Database#transaction}). */
    public <T, X extends Exception> T transaction(Database.Work<T, X> work) throws X {
        return db.transaction(work);
    }

    /** Whether the database answers. */
    public boolean isHealthy() {
        return db.isHealthy();
    }
}
