package dev.ratchet.app;

import dev.ratchet.core.CoreOptions;
import dev.ratchet.core.config.RatchetConfig;
import dev.ratchet.core.jobs.JobSystem;
import dev.ratchet.core.modules.Registrations;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet migrate}: bring the database schema (Ratchet's and the job tables) up to date. Idempotent. */
@Command(
        name = "migrate",
        header = "Create or upgrade the database schema and exit.",
        footer = {"", "Example:", "  ratchet --db-url jdbc:postgresql://db:5432/ratchet migrate"},
        mixinStandardHelpOptions = true,
        description = {
            "Create or upgrade the database schema (Ratchet's tables, the vector extension, the job tables) and exit.",
            "Safe to run any number of times; 'run' and 'worker' also migrate at start."
        })
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RatchetConfig config = root.config();
        config.problems("", CoreOptions.all()).stream().findFirst().ifPresent(p -> {
            throw new dev.ratchet.core.StartupException(dev.ratchet.core.StartupException.CONFIG, p);
        });
        DatabaseSettings settings = DatabaseSettings.from(config);
        try (Database db = Database.connect(settings)) {
            int applied = db.migrate();
            new JobSystem(db, new Registrations()).close(); // creates or upgrades JobRunr's tables
            spec.commandLine()
                    .getOut()
                    .printf(
                            "database %s: schema %s at version %s (%d migration(s) applied now); job tables in %s%n",
                            settings.safeUrl(), settings.schema(), db.schemaVersion(), applied, settings.jobsSchema());
        }
        return 0;
    }
}
