package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ratchet docs ask}: the docrag module's answer and its cited passages, through its tool. */
@ExtendWith(RatchetDatabaseExtension.class)
class DocsAskCommandTest {

    record Result(int code, String out, String err) {}

    static Result ratchet(TestDatabase db, Path sources, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RatchetCommand.commandLine(Map.of(), Path.of(""));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(
                List.of("--db-url", db.jdbcUrl(), "--set", "llm.url=off", "--set", "docs.sources-file=" + sources));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void prints_the_passages_that_answer_and_i_dont_know_otherwise(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path docs = Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(
                docs.resolve("rollbacks.md"),
                "# Rolling back a release\n\n## How to roll back\n\nRun `shipit rollback <service>`: it re-deploys the"
                        + " previous green release.\n");
        Files.writeString(docs.resolve("office.md"), "# Office\n\nLunch is served at noon in the cafeteria.\n");
        Path sources = dir.resolve("sources.yaml");
        Files.writeString(sources, "sources:\n  - id: handbook\n    kind: folder\n    path: " + docs + "\n");
        Result refresh = ratchet(db, sources, "docs", "refresh");
        assertThat(refresh.code()).as(refresh.err()).isZero();

        Result known = ratchet(db, sources, "docs", "ask", "how", "do", "i", "roll", "back", "a", "release?");
        assertThat(known.code()).as(known.err()).isZero();
        assertThat(known.out())
                .contains("the most relevant passages:")
                .contains("[1] rollbacks.md — Rolling back a release > How to roll back")
                .contains("    Run `shipit rollback <service>`");

        Result unknown = ratchet(db, sources, "docs", "ask", "what is the capital of France?");
        assertThat(unknown.code()).as(unknown.err()).isZero();
        assertThat(unknown.out()).startsWith("I don't know").doesNotContain("Sources:");
    }
}
