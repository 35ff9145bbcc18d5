package dev.ratchet.app;

import dev.ratchet.core.StartupException;
import dev.ratchet.core.llm.LlmCallExport;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.DatabaseSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ratchet llm-calls}: the recorded LLM calls. */
@Command(
        name = "llm-calls",
        header = "Work with the recorded LLM calls.",
        footer = {"", "Example:", "  ratchet llm-calls export --since 7d > calls.jsonl"},
        mixinStandardHelpOptions = true,
        description = "Work with the recorded LLM calls.",
        subcommands = {LlmCallsCommand.Export.class})
final class LlmCallsCommand {

    @ParentCommand
    RatchetCommand root;

    @Command(
            name = "export",
            header = "Export chat calls as JSONL with feedback labels.",
            footer = {"", "Example:", "  ratchet llm-calls export --since 7d > calls.jsonl"},
            mixinStandardHelpOptions = true,
            description = {
                "Export successful chat calls as chat-format JSONL (messages + the model's answer), with metadata",
                "and the 👍/👎 feedback on what the bot posted from them as a label, for evals and fine-tuning."
            })
    static final class Export implements Callable<Integer> {

        @ParentCommand
        LlmCallsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        CallWindow window;

        @Option(names = "--format", defaultValue = "jsonl", description = "Output format; jsonl is the only one.")
        String format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write here instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (!"jsonl".equals(format)) {
                throw new StartupException(StartupException.CONFIG, "--format " + format + ": only jsonl is supported");
            }
            Instant from = window.from();
            Instant to = window.to();
            try (Database db = Database.connect(DatabaseSettings.from(parent.root.config()))) {
                db.migrate();
                int n;
                if (output != null) {
                    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                        n = new LlmCallExport(db).write(from, to, window.module, w);
                    }
                } else {
                    PrintWriter out = spec.commandLine().getOut();
                    Writer w = new BufferedWriter(out);
                    n = new LlmCallExport(db).write(from, to, window.module, w);
                    w.flush();
                }
                spec.commandLine()
                        .getErr()
                        .println("exported " + n + " call(s)" + (output == null ? "" : " to " + output));
            }
            return 0;
        }
    }
}
