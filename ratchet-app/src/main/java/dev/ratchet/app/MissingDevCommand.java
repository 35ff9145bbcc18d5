package dev.ratchet.app;

import dev.ratchet.core.StartupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Stands in for {@code shell} or {@code bench} when the devtools jar set is not on the class path: says how to get it. */
@Command(
        mixinStandardHelpOptions = true,
        description = {"Not in this installation: ships in the optional devtools jar set (lib/devtools/)."})
final class MissingDevCommand implements Callable<Integer> {

    /** The commands the devtools jar set provides, with what each does (for the top command's list). */
    static final Map<String, String> NAMES = Map.of(
            "shell", "Talk to the bot locally, with no Slack workspace (in the devtools jar set, lib/devtools/).",
            "bench", "Measure Ratchet on this machine (in the devtools jar set, lib/devtools/).");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored = new ArrayList<>();

    @Override
    public Integer call() {
        String name = spec.name();
        throw new StartupException(
                2,
                "'ratchet " + name + "' ships in the optional devtools jar set (lib/devtools/ of the "
                        + "distribution, with the Slack emulator it runs), which this installation lacks; build it with "
                        + "'./mvnw -DskipTests package -pl ratchet-devtools -am' and use ratchet-app/target/ratchet/bin/ratchet");
    }
}
