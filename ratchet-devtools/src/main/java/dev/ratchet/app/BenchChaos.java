package dev.ratchet.app;

import dev.ratchet.core.storage.DatabaseSettings;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet bench chaos}: the fault suite (see {@link Chaos}); CI runs its short form through ChaosTest. */
@Command(
        name = "chaos",
        header = "Run the fault suite and print its table.",
        footer = {"", "Example:", "  ratchet bench chaos --events 600 --fuzz 5000 --seed 7"},
        mixinStandardHelpOptions = true,
        description = {
            "Run a child 'ratchet run' (HTTP Events mode) under faults and hostile input, and print one table: load",
            "held, faults survived, inputs tried, rows lost, duplicates, 5xx, secrets found, unrecovered outage. Exits",
            "1 on any loss, duplicate, 5xx, leak or unrecovered outage. Uses the schema ratchet_chaos of --db-url's",
            "database and drops it afterwards. Example: ratchet bench chaos --events 600 --fuzz 5000 --seed 7"
        })
final class BenchChaos implements Callable<Integer> {

    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "300",
            description = "Events in the stream, a third alerts (default 300).")
    int events;

    @Option(names = "--fuzz", defaultValue = "2000", description = "Hostile requests sent (default 2000).")
    int fuzz;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the hostile corpus (default 1).")
    long seed;

    @Option(names = "--outage", defaultValue = "PT12S", description = "How long the database is cut (default PT12S).")
    Duration outage;

    @Option(names = "--stall", defaultValue = "PT4S", description = "How long the database hangs (default PT4S).")
    Duration stall;

    @Option(
            names = "--interval",
            defaultValue = "PT0.15S",
            description = "Time between two events of the stream (default PT0.15S).")
    Duration interval;

    @Option(names = "--work-dir", description = "Where the child's logs go (default: a new temporary directory, kept).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (events < 10) {
            throw new ParameterException(spec.commandLine(), "--events must be at least 10, e.g. --events 300");
        }
        if (fuzz < 0) {
            throw new ParameterException(spec.commandLine(), "--fuzz cannot be negative, e.g. --fuzz 2000");
        }
        PrintWriter out = spec.commandLine().getOut();
        Logging.quietUnlessLevelAsked(bench.root, spec);
        String dbUrl = DatabaseSettings.from(bench.root.config()).url();
        Path dir = workDir != null ? workDir : Files.createTempDirectory("ratchet-chaos");
        Chaos.Report report = new Chaos(
                        new Chaos.Options(dbUrl, events, fuzz, seed, outage, stall, interval, childClassPath(), dir),
                        out)
                .run();
        out.println("bench chaos: child logs in " + dir);
        report.print(out);
        return report.passed() ? 0 : 1;
    }

    /**
     * The class path of a plain {@code ratchet run}: the distribution's lib/ when this runs from it, otherwise (a
     * build's test run) this JVM's own.
     */
    static String childClassPath() throws URISyntaxException {
        Path source = Path.of(
                Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(source)
                && source.getParent().getFileName().toString().equals("lib")) {
            return source.getParent().resolve("*").toString();
        }
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
