package dev.ratchet.module.classifier;

import static dev.ratchet.module.classifier.ClassifierModuleTest.annotation;
import static dev.ratchet.module.classifier.ClassifierModuleTest.attachment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An alert resolved by an edit of its own message (PagerDuty's, Opsgenie's, incident.io's Slack apps, bots using
 * {@code chat.update}): it keeps its open, resolved in place, and an edit back into firing reopens it.
 */
class EditResolvesInPlaceTest {

    private static final String CHANNEL = "C_EDIT";

    private static List<Map<String, Object>> firing() {
        return List.of(attachment(
                "[FIRING:1] DiskFull (db prod critical)",
                "*Alert:* disk above 95%\n • *alertname:* `DiskFull`\n • *service:* `db`\n • *severity:* `critical`"));
    }

    private static List<Map<String, Object>> resolved(String more) {
        Map<String, Object> a = new java.util.LinkedHashMap<>(attachment(
                "[RESOLVED] DiskFull (db prod critical)",
                " • *alertname:* `DiskFull`\n • *service:* `db`\n • *severity:* `critical`" + more));
        a.put("color", "good");
        return List.of(a);
    }

    /** The classify runs finished for a message: one per version of it handled. */
    private static long classifyRuns(TestBot bot, String ts) {
        return bot.moduleRuns(CHANNEL, ts).stream()
                .filter(r -> r.moduleId().equals("classifier") && r.handler().equals("classify") && r.done())
                .count();
    }

    private static Map<String, Object> annotationOf(TestBot bot, String ts) {
        return annotation(bot, CHANNEL, ts).orElseThrow();
    }

    @Test
    void an_open_edited_into_its_resolution_keeps_its_open_resolved_in_place_and_an_edit_back_reopens_it() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .slack(slack -> {
                    slack.addChannel(CHANNEL, "team-edit");
                    slack.botJoins(CHANNEL);
                })
                .set("classifier.embed", "false")
                .api()
                .start()) {
            SlackEmulator slack = bot.slack();
            String ts = slack.postAsIntegration(CHANNEL, "B_AM", "Alertmanager", "", firing());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, CHANNEL, ts).isPresent());
            assertThat(annotationOf(bot, ts))
                    .containsEntry("action", "open")
                    .containsEntry("alert", "DiskFull")
                    .doesNotContainKey("closed_ts");
            assertThat(bot.alert(CHANNEL, ts).orElseThrow().stillOpen()).isTrue();

            // the tool edits it into its resolution: still the open, paired with itself, its duration to the edit
            slack.edit(CHANNEL, ts, "", resolved(""));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotationOf(bot, ts).containsKey("closed_ts"));
            Map<String, Object> inPlace = annotationOf(bot, ts);
            String editedTs = (String)
                    ((Map<?, ?>) bot.message(CHANNEL, ts).orElseThrow().attrs().get("edited")).get("ts");
            assertThat(inPlace)
                    .containsEntry("action", "open")
                    .containsEntry("alert", "DiskFull")
                    .containsEntry("service", "db")
                    .containsEntry("closed_ts", ts)
                    .containsEntry("duration_seconds", (int) Pairing.secondsBetween(ts, editedTs));
            AlertEvent open = bot.alert(CHANNEL, ts).orElseThrow();
            assertThat(open.action()).isEqualTo(AlertEvent.Action.OPEN);
            assertThat(open.stillOpen()).isFalse();
            assertThat(open.resolvedInPlace()).isTrue();
            assertThat(open.pairedTs()).contains(ts);
            assertThat(open.duration()).isPresent();
            // no close anywhere: the channel's only alert event is this open
            assertThat(bot.messages(CHANNEL).stream()
                            .filter(m -> annotation(bot, CHANNEL, m.ts()).isPresent())
                            .map(m -> m.ts()))
                    .containsExactly(ts);
            // the JSON API counts one firing, resolved, and no close
            JsonNode services = bot.api(HttpMethod.GET, "/api/channels/" + CHANNEL + "/services")
                    .tree();
            JsonNode alert = services.get("items").get(0).get("alerts").get(0);
            assertThat(alert.get("opens").asLong()).isEqualTo(1);
            assertThat(alert.get("closes").asLong()).isZero();
            assertThat(alert.get("unresolved").asLong()).isZero();
            assertThat(alert.get("mean_open_seconds").isNull()).isFalse();

            // an edit that changes nothing in its state (more text, still resolved): nothing duplicated or moved
            long runs = classifyRuns(bot, ts);
            slack.edit(CHANNEL, ts, "", resolved("\n • *note:* `cleaned up old WAL`"));
            await().atMost(Duration.ofSeconds(30)).until(() -> classifyRuns(bot, ts) > runs);
            assertThat(annotationOf(bot, ts)).isEqualTo(inPlace);

            // edited back into firing: open again, unpaired, with no duration
            slack.edit(CHANNEL, ts, "", firing());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !annotationOf(bot, ts).containsKey("closed_ts"));
            assertThat(annotationOf(bot, ts)).containsEntry("action", "open").doesNotContainKey("duration_seconds");
            assertThat(bot.alert(CHANNEL, ts).orElseThrow().stillOpen()).isTrue();

            // resolved again by a later edit, then edited into something else altogether: retracted as before
            slack.edit(CHANNEL, ts, "", resolved(""));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotationOf(bot, ts).containsKey("closed_ts"));
            assertThat(bot.alert(CHANNEL, ts).orElseThrow().resolvedInPlace()).isTrue();
            slack.edit(CHANNEL, ts, "Deploy 1.42 finished in 3 minutes", List.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.alert(CHANNEL, ts).isEmpty());
            assertThat(annotationOf(bot, ts)).containsEntry("action", "none");
        }
    }

    @Test
    void a_separate_resolution_still_pairs_and_an_edit_of_an_open_into_another_open_stays_open() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .slack(slack -> {
                    slack.addChannel(CHANNEL, "team-edit");
                    slack.botJoins(CHANNEL);
                })
                .set("classifier.embed", "false")
                .start()) {
            SlackEmulator slack = bot.slack();
            String ts = slack.postAsIntegration(CHANNEL, "B_AM", "Alertmanager", "", firing());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotation(bot, CHANNEL, ts).isPresent());
            // a re-render of the firing alert (another open): still an open, still firing
            long runs = classifyRuns(bot, ts);
            Map<String, Object> more = new java.util.LinkedHashMap<>(firing().get(0));
            more.put("text", more.get("text") + "\n • *instance:* `db-2`");
            slack.edit(CHANNEL, ts, "", List.of(more));
            await().atMost(Duration.ofSeconds(30)).until(() -> classifyRuns(bot, ts) > runs);
            assertThat(annotationOf(bot, ts)).containsEntry("action", "open").doesNotContainKey("closed_ts");
            // a separate resolution message pairs with it as before
            String close = slack.postAsIntegration(CHANNEL, "B_AM", "Alertmanager", "", resolved(""));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> annotationOf(bot, ts).containsKey("closed_ts"));
            assertThat(annotationOf(bot, ts)).containsEntry("closed_ts", close);
            assertThat(bot.alert(CHANNEL, ts).orElseThrow().resolvedInPlace()).isFalse();
            assertThat(annotationOf(bot, close))
                    .containsEntry("action", "close")
                    .containsEntry("opened_ts", ts);
        }
    }
}
