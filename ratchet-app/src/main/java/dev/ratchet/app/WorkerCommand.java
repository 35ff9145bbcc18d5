package dev.ratchet.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ratchet worker}: jobs only, to scale out on the same database. */
@Command(
        name = "worker",
        header = "Run jobs only, beside a 'ratchet run'.",
        footer = {"", "Example:", "  ratchet worker --env-file .env"},
        mixinStandardHelpOptions = true,
        description = {
            "Run jobs only, with no Slack event connection, to share the work of one 'ratchet run'.",
            "Start any number on the same database, with the same modules and settings as 'run'.",
            "With api.worker-address set, serves /healthz, /readyz, /version and /metrics there."
        })
final class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            hidden = true,
            description = "Stop after this long; for smoke tests.")
    Duration runFor;

    @Override
    public Integer call() throws InterruptedException {
        return RunCommand.Runner.serve(root, runFor, false);
    }
}
