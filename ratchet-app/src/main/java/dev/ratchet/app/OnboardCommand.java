package dev.ratchet.app;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.StartupException;
import dev.ratchet.core.slack.SlackIntegration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet onboard CHANNEL...}: (re)fetch a channel's history in the background. */
@Command(
        name = "onboard",
        header = "Fetch channels' history in the background.",
        footer = {"", "Example:", "  ratchet onboard '#team-ops' C0123ABCD"},
        mixinStandardHelpOptions = true,
        description = {
            "Queue onboarding of channels: channel info, the last slack.onboard-messages messages and their threads,",
            "fetched by the job servers ('run' or 'worker') at Slack's pace. Progress shows in the logs."
        })
final class OnboardCommand implements Callable<Integer> {

    @ParentCommand
    RatchetCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "CHANNEL",
            arity = "1..*",
            description = "Channels: ids (C0123ABC), or #name / name for channels already stored.")
    List<String> channels;

    @Option(
            names = "--again",
            description =
                    "Onboard channels that were onboarded before (stored messages are kept, nothing is duplicated).")
    boolean again;

    @Override
    public Integer call() {
        try (Ratchet ratchet = Ratchet.start(root.config(), root.registry(), Clock.systemUTC())) {
            SlackIntegration slack = ratchet.slack()
                    .orElseThrow(() -> new StartupException(
                            StartupException.CONFIG, "onboarding needs Slack: set RATCHET_SLACK_BOT_TOKEN"));
            for (String named : channels) {
                String channel = ChannelArg.resolve(ratchet.storage().directory(), named, "CHANNEL", true);
                boolean queued = slack.onboarding().onboard(slack.teamId(), channel, again);
                spec.commandLine()
                        .getOut()
                        .println(channel
                                + (queued
                                        ? ": onboarding queued"
                                        : ": already onboarded (use --again to fetch again)"));
            }
        }
        return 0;
    }
}
