package dev.ratchet.core.storage;

/** The {@code settings} table: values the database itself must hold, such as the embedding dimension. */
public final class SettingsRepository {

    private final Database db;

    public SettingsRepository(Database db) {
        this.db = db;
    }

    /** The dimension of the stored embeddings (the vector columns' type). */
    public int embeddingDimension() {
        return db.withHandle(h -> h.createQuery("select value from settings where key = 'embedding_dimension'")
                .mapTo(Integer.class)
                .one());
    }

    /** Records the embedding dimension; the vector columns are changed by {@link EmbeddingRepository#prepare}. */
    void setEmbeddingDimension(int dimension) {
        db.withHandle(h -> h.createUpdate(
                        "update settings set value = :v, updated_at = now() where key = 'embedding_dimension'")
                .bind("v", Integer.toString(dimension))
                .execute());
    }
}
