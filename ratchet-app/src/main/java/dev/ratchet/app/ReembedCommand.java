package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.llm.LlmRuntime;
import dev.ratchet.core.llm.LlmSettings;
import dev.ratchet.core.llm.Reembedding;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import dev.ratchet.spi.LlmUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet reembed}: switch the database to the configured embedding model. */
@Command(
        name = "reembed",
        header = "Switch the stored embeddings to the configured model.",
        footer = {"", "Example:", "  RATCHET_EMBEDDING_PROVIDER=openai ratchet reembed"},
        mixinStandardHelpOptions = true,
        description = {
            "Switch the database to the configured embedding model: change the vector columns to its dimension",
            "(or clear them) and queue the re-embedding of every message and documentation chunk, which the job",
            "servers ('run' or 'worker') do in the background. Search returns fewer results until it is done."
        })
final class ReembedCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RatchetConfig config = root.config();
        int dimension;
        int previous;
        try (Database db = Database.connect(DatabaseSettings.from(config));
                LlmRuntime llm = new LlmRuntime(LlmSettings.from(config), db, Clock.systemUTC())) {
            db.migrate();
            try {
                dimension = llm.embedder().dimension();
            } catch (LlmUnavailableException e) {
                throw new StartupException(
                        StartupException.CONFIG,
                        "cannot reach the embedding model to learn its dimension: " + e.getMessage());
            }
            previous = Reembedding.prepare(db, dimension);
        }
        try (Ratchet ratchet = Ratchet.start(config, root.registry(), Clock.systemUTC())) {
            String runId = Instant.now().toString();
            ratchet.reembedding().start(runId);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "embeddings: %d dimensions (were %d) with %s; %d rows queued for re-embedding (run %s)%n",
                            dimension,
                            previous,
                            ratchet.llm().embedder().model(),
                            ratchet.reembedding().remaining(),
                            runId);
        }
        return 0;
    }
}
