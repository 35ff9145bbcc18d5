package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a bot's earlier messages in a channel say of one no recogniser knows ({@link PosterHistory}). */
class PosterHistoryTest {

    private final BuiltinClassifier builtin = new BuiltinClassifier();

    static MessageView bot(String poster, String text) {
        return MessageView.ofText(poster, true, text);
    }

    /** Reads {@code texts} in order as the module does: the recognisers, else the history; the last one's decision. */
    private Optional<Classification> last(PosterHistory history, String poster, List<String> texts) {
        Optional<Classification> decided = Optional.empty();
        for (String t : texts) {
            MessageView v = bot(poster, t);
            decided = builtin.classify(v);
            if (decided.isEmpty()) {
                decided = history.recall(poster, v);
            }
            history.learn(poster, v, decided);
        }
        return decided;
    }

    @Test
    void a_template_the_recognisers_took_for_an_alert_opens_its_sibling_they_do_not_know() {
        String sibling = "tiefkühl-1 fühler -12.8°C > -18.0°C (20 min)";
        // (a poster the learned stage never saw: PosterHistoryInPipelineTest.POSTER says why)
        String poster = PosterHistoryInPipelineTest.POSTER;
        assertThat(builtin.classify(bot(poster, sibling))).isEmpty();
        Optional<Classification> c =
                last(new PosterHistory(builtin), poster, List.of("kühlraum-1 fühler 9.4°C > 8.0°C (15 min)", sibling));
        assertThat(c).isPresent();
        assertThat(c.get().action()).isEqualTo(Action.OPEN);
        assertThat(c.get().method()).isEqualTo(PosterHistory.METHOD);
        // another poster's history lends nothing
        assertThat(last(new PosterHistory(builtin), "other-bot", List.of(sibling)))
                .isEmpty();
    }

    @Test
    void a_reply_in_an_alerts_thread_is_never_an_open_by_history() {
        PosterHistory history = new PosterHistory(builtin);
        MessageView open = bot("lager-gw", "kühlraum-1 fühler 9.4°C > 8.0°C (15 min)");
        history.learn("lager-gw", open, builtin.classify(open));
        MessageView sibling = bot("lager-gw", "tiefkühl-1 fühler -12.8°C > -18.0°C (20 min)");
        assertThat(history.recall("lager-gw", sibling).map(Classification::action))
                .contains(Action.OPEN);
        // the same template posted in an alert's thread is that alert's update (an acknowledgement, a note)
        assertThat(history.recall("lager-gw", sibling.withField(MessageView.REPLY_TO, "1810404462.100322")))
                .isEmpty();
    }

    @Test
    void a_template_the_recognisers_also_took_for_something_else_lends_nothing() {
        PosterHistory history = new PosterHistory(builtin);
        MessageView open = bot("x-bot", "kühlraum-1 fühler 9.4°C > 8.0°C (15 min)");
        history.learn("x-bot", open, builtin.classify(open));
        history.learn(
                "x-bot",
                bot("x-bot", "kühlraum-2 fühler 9.9°C > 8.0°C (25 min)"),
                Optional.of(Classification.none("generic", "builtin")));
        assertThat(history.recall("x-bot", bot("x-bot", "tiefkühl-1 fühler -12.8°C > -18.0°C (20 min)")))
                .isEmpty();
    }

    @Test
    void what_history_or_the_llm_decided_is_no_evidence_for_a_template() {
        PosterHistory history = new PosterHistory(builtin);
        MessageView v = bot("y-bot", "tiefkühl-1 fühler -12.8°C > -18.0°C (20 min)");
        history.learn(
                "y-bot",
                v,
                Optional.of(new Classification(
                        Action.OPEN, "", "x", Optional.empty(), Optional.empty(), "history", PosterHistory.METHOD)));
        history.learn(
                "y-bot",
                v,
                Optional.of(
                        new Classification(Action.OPEN, "", "x", Optional.empty(), Optional.empty(), "llm", "llm")));
        assertThat(history.recall("y-bot", bot("y-bot", "tiefkühl-2 fühler -11.8°C > -18.0°C (30 min)")))
                .isEmpty();
    }

    @Test
    void a_green_message_naming_the_posters_one_open_alert_closes_it() {
        PosterHistory history = new PosterHistory(builtin);
        MessageView open = bot("cache-watch", ":red_circle: cache-7 evictions 12k/s");
        history.learn(
                "cache-watch",
                open,
                Optional.of(new Classification(
                        Action.OPEN,
                        "cache-7",
                        "evictions",
                        Optional.empty(),
                        Optional.empty(),
                        "generic",
                        "builtin")));
        Optional<Classification> c =
                history.recall("cache-watch", bot("cache-watch", ":white_check_mark: cache-7 evictions 3/s"));
        assertThat(c).map(Classification::action).contains(Action.CLOSE);
        // not one it does not name, nor in a colour that is no all-clear
        assertThat(history.recall("cache-watch", bot("cache-watch", ":white_check_mark: cache-9 evictions 3/s")))
                .isEmpty();
        assertThat(history.recall("cache-watch", bot("cache-watch", ":eyes: cache-7 evictions 9k/s, looking")))
                .isEmpty();
    }

    @Test
    void memory_is_bounded_per_channel() {
        PosterHistory history = new PosterHistory(builtin);
        for (int i = 0; i < PosterHistory.MAX_POSTERS + 50; i++) {
            MessageView v = bot("bot-" + i, "kühlraum-1 fühler 9.4°C > 8.0°C (15 min) run " + i);
            history.learn("bot-" + i, v, builtin.classify(v));
        }
        assertThat(history.posters()).isEqualTo(PosterHistory.MAX_POSTERS);
        for (int i = 0; i < PosterHistory.MAX_TEMPLATES * 2; i++) {
            MessageView v = bot(
                    "busy", "word" + "abcdefghij".charAt(i % 10) + (char) ('a' + i / 10) + " host-" + i + " is down");
            history.learn("busy", v, Optional.of(Classification.none("generic", "builtin")));
        }
        assertThat(history.templates("busy")).hasSizeLessThanOrEqualTo(PosterHistory.MAX_TEMPLATES);
    }

    @Test
    void a_key_value_line_naming_the_open_alert_with_another_word_in_its_state_column_closes_it() {
        // the state column's words are the team's ("falhou", "sucesso"): that the word changed is what counts
        String open = "job=sync_erp estado=falhou exit=1 inicio=02:00";
        assertThat(last(new PosterHistory(builtin), "noturno", List.of(open, "job=sync_erp estado=sucesso tempo=4m")))
                .map(Classification::action)
                .contains(Action.CLOSE);
        // the same word again, or another job's run, closes nothing
        assertThat(last(new PosterHistory(builtin), "noturno", List.of(open, "job=sync_erp estado=falhou tentativa=2")))
                .map(Classification::action)
                .isNotEqualTo(Optional.of(Action.CLOSE));
        assertThat(last(new PosterHistory(builtin), "noturno", List.of(open, "job=backup estado=sucesso tempo=41m")))
                .isEmpty();
    }
}
