package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.api.ApiServer;
import dev.ratchet.core.api.ApiSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ratchet run}: the bot. */
@Command(
        name = "run",
        header = "Run the bot: Slack events, modules and a job server.",
        footer = {"", "Example:", "  ratchet run --env-file .env"},
        mixinStandardHelpOptions = true,
        description = {
            "Run the bot: receive Slack events, run the enabled modules and a job server.",
            "Migrates the database first; stops cleanly on SIGINT/SIGTERM, letting running jobs finish.",
            "Serves the JSON API on api.address (127.0.0.1:8080; beyond loopback it needs api.token)."
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    RatchetCommand root;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            hidden = true,
            description = "Stop after this long (ISO-8601, e.g. PT10S); for smoke tests.")
    Duration runFor;

    @Override
    public Integer call() throws InterruptedException {
        return Runner.serve(root, runFor, true);
    }

    /** What {@code run} and {@code worker} share: start, wait for a signal or the deadline, stop. */
    static final class Runner {
        private Runner() {}

        static int serve(RatchetCommand root, Duration runFor, boolean withSlack) throws InterruptedException {
            var config = root.config();
            ApiSettings.checkBeforeStart(config, withSlack); // a refused address stops us before anything starts
            if (withSlack) {
                // run receives events: its mode's credential must be there before anything starts; worker only posts
                dev.ratchet.core.slack.SlackSettings.from(config)
                        .ifPresent(dev.ratchet.core.slack.SlackSettings::requireEventCredentials);
            }
            Ratchet ratchet = Ratchet.start(config, root.registry(), Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        log.info("stop signal received: shutting down");
                        ratchet.close();
                        stopped.countDown();
                    },
                    "ratchet-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            ratchet.startJobServer();
            if (withSlack) {
                ratchet.startSlackEvents();
            }
            ratchet.startApi(withSlack ? ApiServer.Scope.FULL : ApiServer.Scope.OPS); // closed first by ratchet.close()
            log.info(
                    "ratchet is running (modules: {}); press Ctrl-C to stop",
                    ratchet.modules().startedIds().isEmpty()
                            ? "none"
                            : String.join(", ", ratchet.modules().startedIds()));
            if (runFor != null) {
                if (!stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS)) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    ratchet.close();
                }
            } else {
                stopped.await();
            }
            return 0;
        }
    }
}
