package dev.ratchet.core.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {

    @Test
    void text_of_attachments_counts_as_the_message_text() {
        Map<String, Object> alert = Map.of(
                "type",
                "message",
                "subtype",
                "bot_message",
                "bot_id",
                "B1",
                "username",
                "alertmanager",
                "ts",
                "1700000000.000100",
                "text",
                "",
                "attachments",
                List.of(Map.of(
                        "title",
                        "[FIRING:1] HighLatency api",
                        "text",
                        "p99 above 2s",
                        "fields",
                        List.of(Map.of("title", "severity", "value", "critical")),
                        "fallback",
                        "[FIRING:1] HighLatency")));
        Map<String, Object> attrs = SlackMessages.attrs(alert);
        assertThat(attrs.get("text")).isEqualTo("[FIRING:1] HighLatency api\np99 above 2s\nseverity: critical");
        assertThat(attrs)
                .containsEntry("bot_id", "B1")
                .containsEntry("username", "alertmanager")
                .containsEntry("subtype", "bot_message");
        assertThat(attrs.get("slack")).isEqualTo(alert);
    }

    @Test
    void an_app_posting_under_a_username_is_named_by_it_as_slack_shows_it() {
        // one relay app (bot_profile "argo-events") posting as each tool it relays, with chat:write.customize
        Map<String, Object> relayed = Map.of(
                "ts",
                "1.0",
                "bot_id",
                "B2",
                "text",
                "Sentry issue *created*: TimeoutError",
                "username",
                "Sentry",
                "bot_profile",
                Map.of("id", "B2", "name", "argo-events"));
        assertThat(SlackMessages.attrs(relayed)).containsEntry("username", "Sentry");
        // without a username the app's own name stands
        Map<String, Object> plain = Map.of(
                "ts",
                "2.0",
                "bot_id",
                "B2",
                "text",
                "synced",
                "bot_profile",
                Map.of("id", "B2", "name", "argo-events"));
        assertThat(SlackMessages.attrs(plain)).containsEntry("username", "argo-events");
    }

    @Test
    void blocks_inside_an_attachment_give_its_text_instead_of_the_fallback() {
        Map<String, Object> card = Map.of(
                "ts",
                "1.0",
                "text",
                "",
                "attachments",
                List.of(Map.of(
                        "color",
                        "#E02F44",
                        "fallback",
                        "Alert group #42",
                        "blocks",
                        List.of(
                                Map.of(
                                        "type",
                                        "section",
                                        "text",
                                        Map.of("type", "mrkdwn", "text", "*#42 KafkaConsumerLag* via Alerting")),
                                Map.of(
                                        "type",
                                        "context",
                                        "elements",
                                        List.of(Map.of("type", "mrkdwn", "text", "*Status:* Firing")))))));
        assertThat(SlackMessages.attrs(card).get("text"))
                .isEqualTo("*#42 KafkaConsumerLag* via Alerting\n*Status:* Firing");
    }

    @Test
    void an_email_sent_to_the_channel_gives_its_subject_and_body() {
        Map<String, Object> email = Map.of(
                "ts",
                "1.0",
                "subtype",
                "file_share",
                "text",
                "",
                "files",
                List.of(Map.of(
                        "filetype",
                        "email",
                        "subject",
                        "[Alarm] Backup job failed - Daily-VMs",
                        "preview",
                        "Object: Daily-VMs Status: Failed",
                        "plain_text",
                        "Object: Daily-VMs\nStatus: Failed")));
        assertThat(SlackMessages.attrs(email).get("text"))
                .isEqualTo("[Alarm] Backup job failed - Daily-VMs\nObject: Daily-VMs\nStatus: Failed");
    }

    @Test
    void blocks_give_the_text_when_the_message_has_none() {
        Map<String, Object> m = Map.of(
                "ts",
                "1.0",
                "text",
                " ",
                "blocks",
                List.of(Map.of(
                        "type",
                        "section",
                        "text",
                        Map.of("type", "mrkdwn", "text", "*Triggered*: CPU high on web-1"))));
        assertThat(SlackMessages.attrs(m).get("text")).isEqualTo("*Triggered*: CPU high on web-1");
    }

    @Test
    void reactions_become_users_per_emoji_and_replies_know_their_parent() {
        Map<String, Object> m = Map.of(
                "ts",
                "2.0",
                "thread_ts",
                "1.0",
                "user",
                "U1",
                "text",
                "fixed",
                "reactions",
                List.of(Map.of("name", "+1", "users", List.of("U2", "U3"), "count", 2)));
        assertThat(SlackMessages.attrs(m).get("reactions")).isEqualTo(Map.of("+1", List.of("U2", "U3")));
        assertThat(SlackMessages.parentTs(m)).isEqualTo("1.0");
        assertThat(SlackMessages.parentTs(Map.of("ts", "1.0", "thread_ts", "1.0")))
                .isNull();
    }
}
