package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.llm.OpenAiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocragModuleTest {

    static Path handbook(Path dir) throws Exception {
        Path docs = Files.createDirectories(dir.resolve("handbook"));
        Files.writeString(
                docs.resolve("a-onboarding.md"),
                "# Onboarding\n\nNew hires get a laptop on day one. VPN access needs an IT ticket.\n");
        Files.writeString(
                docs.resolve("b-office.md"),
                "# Office\n\nLunch is served at noon in the cafeteria on the second floor.\n");
        Files.writeString(
                docs.resolve("z-databases.md"),
                "# Databases\n\n## Disk full\n\nWhen db-1 runs out of disk space, run `logrotate -f /etc/logrotate.conf` "
                        + "and delete old WAL archives with `pgbackrest expire`.\n");
        Path file = dir.resolve("sources.yaml");
        Files.writeString(
                file,
                "sources:\n  - id: handbook\n    kind: folder\n    path: handbook\n    url: https://git.example.com/handbook/blob/main/{path}\n");
        return file;
    }

    @Test
    void question_is_answered_citing_the_right_file_and_an_unrelated_one_gets_i_dont_know(@TempDir Path dir)
            throws Exception {
        Path sources = handbook(dir);
        DocragModule docrag = new DocragModule();
        try (TestBot bot = TestBot.with(docrag)
                .set("docs.sources-file", sources.toString())
                .llm(
                        stub -> stub.onChat()
                                .whenAnyMessageContains("db-1")
                                .reply(
                                        "{\"known\": true, \"answer\": \"Run logrotate -f and expire old WAL archives [1].\", \"sources\": [1]}"))
                .start()) {
            OpenAiStub llm = bot.llm();
            bot.refreshDocs();

            DocragModule.Answer answer = docrag.answer("what do I do when db-1 is out of disk space?");
            assertThat(answer.known()).isTrue();
            assertThat(answer.generated()).isTrue();
            assertThat(answer.text()).contains("logrotate");
            assertThat(answer.sources()).extracting(s -> s.get("path")).containsExactly("z-databases.md");
            // the heading path's '>' is escaped: unescaped, Slack would end the link at it
            assertThat(DocragModule.render(answer))
                    .contains(
                            "<https://git.example.com/handbook/blob/main/z-databases.md|z-databases.md — Databases &gt; Disk full>");
            assertThat(llm.lastChatRequest().lastUserMessage().orElseThrow())
                    .startsWith("Passages:\n[1] z-databases.md");

            DocragModule.Answer unknown = docrag.answer("what is the capital of France?");
            assertThat(unknown.known()).isFalse();
            assertThat(unknown.text()).startsWith("I don't know");
        }
    }

    @Test
    void the_models_answer_pings_nobody_and_shows_where_links_go(@TempDir Path dir) throws Exception {
        Path sources = handbook(dir);
        DocragModule docrag = new DocragModule();
        try (TestBot bot = TestBot.with(docrag)
                .set("docs.sources-file", sources.toString())
                .llm(stub -> stub.onChat()
                        .whenAnyMessageContains("db-1")
                        .reply("{\"known\": true, \"answer\": \"<!here> run logrotate, ask <@U0EVE0001>, or log in at"
                                + " <https://evil.example|Slack SSO> [1].\", \"sources\": [1]}"))
                .start()) {
            bot.refreshDocs();

            String posted = DocragModule.render(docrag.answer("what do I do when db-1 is out of disk space?"));
            assertThat(posted)
                    .doesNotContain("<!here>", "<@U0EVE0001>", "|Slack SSO>")
                    .contains("@here run logrotate, ask @U0EVE0001, or log in at Slack SSO (<https://evil.example>)");
        }
    }

    @Test
    void without_an_llm_the_relevant_passages_are_returned_with_links(@TempDir Path dir) throws Exception {
        Path sources = handbook(dir);
        DocragModule docrag = new DocragModule();
        try (TestBot bot = TestBot.with(docrag)
                .set("docs.sources-file", sources.toString())
                .start()) {
            bot.refreshDocs();
            DocragModule.Answer answer = docrag.answer("how do I get VPN access?");
            assertThat(answer.generated()).isFalse();
            assertThat(answer.text()).startsWith("Generation is off").contains("VPN access needs an IT ticket");
            assertThat(answer.sources().get(0)).containsEntry("path", "a-onboarding.md");
        }
    }

    @Test
    void automatic_answers_go_to_questions_the_classifier_recognises_not_to_anything_ending_in_a_question_mark(
            @TempDir Path dir) throws Exception {
        Path sources = handbook(dir);
        try (TestBot bot = TestBot.with(new dev.ratchet.module.classifier.ClassifierModule(), new DocragModule())
                .set("docs.sources-file", sources.toString())
                .set("classifier.embed", "false")
                .set("docrag.auto-channels", TestBot.CHANNEL)
                .start()) {
            bot.refreshDocs();
            // no question mark, but a person asking for help
            TestBot.Sent question = bot.say("hi all, how do I get VPN access");
            assertThat(bot.awaitReply(question)).contains("VPN access needs an IT ticket");
            // a question mark, but nobody is asking
            TestBot.Sent remark = bot.say("who knew VPN access needs an IT ticket? lesson learned");
            bot.awaitHandled(remark);
            assertThat(bot.repliesTo(remark)).isEmpty();
        }
    }
}
