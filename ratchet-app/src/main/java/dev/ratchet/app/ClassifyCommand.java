package dev.ratchet.app;

import dev.ratchet.core.Json;
import dev.ratchet.core.StartupException;
import dev.ratchet.module.classifier.BuiltinClassifier;
import dev.ratchet.module.classifier.BuiltinClassifier.Recognition;
import dev.ratchet.module.classifier.MessageView;
import dev.ratchet.spi.kit.JsonText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ratchet classify}: what the built-in recognisers make of one message, and why. */
@Command(
        name = "classify",
        header = "Show how the classifier reads one bot message, and why.",
        footer = {"", "Example:", "  ratchet classify --explain alert.json"},
        mixinStandardHelpOptions = true,
        description = {
            "Classify one bot message with the classifier's built-in recognisers (no database, no binary, no LLM)",
            "and print the alert annotation it would store: open, close or none, alert, service, priority.",
            "The message is a TEXT, or a FILE.json holding a Slack message (text, attachments, blocks, bot_profile),",
            "as in an export or conversations.history. In a TEXT, \\n starts a new line."
        })
final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT|FILE.json", description = "The message text, or a file with a Slack message JSON.")
    String input;

    @Option(
            names = "--explain",
            description = "Also say which recogniser decided, from which fields and why, and what it read.")
    boolean explain;

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "For a TEXT: the name the integration posts under (e.g. PagerDuty).")
    String username;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MessageView message = message();
        if (!message.bot()) {
            out.println("none: posted by a person (no bot_id); the classifier reads only bot and integration messages");
            return 0;
        }
        Optional<Recognition> r = new BuiltinClassifier().recognise(message);
        Map<String, Object> annotation =
                r.map(x -> x.classification().annotation()).orElse(Map.of("action", "none"));
        out.println(Json.MAPPER.writeValueAsString(annotation));
        if (explain) {
            out.println("recogniser: " + r.map(Recognition::recogniser).orElse("none recognised it"));
            r.ifPresent(x -> x.why().forEach(w -> out.println("  why: " + w)));
            out.println("posted as: " + (message.username() == null ? "(no name)" : message.username()));
            message.titles().forEach(t -> out.println("title: " + t));
            message.fields().forEach((k, v) -> out.println("field: " + k + " = " + v));
            if (message.fields().isEmpty() && message.titles().isEmpty()) {
                out.println("text read: " + message.text().strip().split("\n", 2)[0]);
            }
            if (r.isEmpty()) {
                out.println(
                        "  why: no tool's format, and no alert state (firing, triggered, resolved, OK …) in a status"
                                + " field, a headline tag or an alerting tool's sentence");
            }
        }
        return 0;
    }

    private MessageView message() throws IOException {
        if (input.endsWith(".json")) {
            Path file = Path.of(input);
            if (!Files.isRegularFile(file)) {
                throw new StartupException(
                        ModuleTools.USAGE,
                        input + ": no such file (give a Slack message JSON file, " + "or the message text itself)");
            }
            Map<String, Object> json;
            try {
                json = JsonText.parseObject(Files.readString(file));
            } catch (RuntimeException e) {
                throw new StartupException(
                        ModuleTools.USAGE,
                        input + ": not a JSON object (a Slack message with text, attachments, blocks)");
            }
            MessageView v = MessageView.ofSlack(json);
            return username == null
                    ? v
                    : new MessageView(username, v.bot(), v.text(), v.fields(), v.titles(), v.colours(), v.buttons());
        }
        return MessageView.ofText(username, true, input.replace("\\n", "\n"));
    }
}
