package dev.ratchet.module.docrag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.TestBot;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a model: it sees passages from several candidate pages (not one page's every section), its citations rerank
 * them, and it may say the docs do not answer; against the OpenAI stub, on the relevance fixture's handbook.
 */
class DocragRerankTest {

    static final Pattern PASSAGE = Pattern.compile("(?m)^\\[(\\d+)] (\\S+)");

    @Test
    void the_models_citations_rerank_the_candidate_pages_and_it_may_say_not_in_the_docs(@TempDir Path dir)
            throws Exception {
        DocragModule docrag = new DocragModule();
        try (TestBot bot = TestBot.with(docrag)
                .set("docs.sources-file", DocsRelevanceTest.handbook(dir).toString())
                .llm(stub -> {
                    stub.onChat()
                            .whenAnyMessageContains("new toggle")
                            .reply("{\"known\": true, \"answer\": \"Add it to your team's file in the flags repository"
                                    + " [3].\", \"sources\": [3, 1]}");
                    stub.onChat()
                            .whenAnyMessageContains("billing-api")
                            .reply("{\"known\": false, \"answer\": \"\", \"sources\": []}");
                })
                .start()) {
            bot.refreshDocs();

            DocragModule.Answer answer = docrag.answer("how to add a new toggle");
            String prompt = bot.llm().lastChatRequest().lastUserMessage().orElseThrow();
            List<String> shown =
                    PASSAGE.matcher(prompt).results().map(m -> m.group(2)).toList();
            // the candidates: the best page's two best sections, then other pages
            assertThat(shown).hasSize(4);
            assertThat(shown.stream().distinct().count()).isGreaterThanOrEqualTo(3);
            assertThat(shown.get(2)).isNotEqualTo(shown.get(0));
            assertThat(answer.known()).isTrue();
            assertThat(answer.generated()).isTrue();
            // the model's first citation leads, whatever the search ranked first
            assertThat(answer.sources()).extracting(s -> s.get("path")).containsExactly(shown.get(2), shown.get(0));

            DocragModule.Answer notInDocs = docrag.answer("how do i undo the last release of billing-api");
            assertThat(notInDocs.known()).isFalse();
            assertThat(notInDocs.generated()).isTrue();
            assertThat(notInDocs.text()).startsWith("I don't know");
            assertThat(bot.llm().chatRequests()).hasSize(2);

            // the search's evidence says no: the model is not asked
            DocragModule.Answer unanswerable = docrag.answer("whats the refund policy for annual plans");
            assertThat(unanswerable.known()).isFalse();
            assertThat(bot.llm().chatRequests()).hasSize(2);
        }
    }
}
