package dev.ratchet.app;

import dev.ratchet.core.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellTextTest {

    static final Function<String, String> NAMES = Map.of("U0ALICE", "alice", "C0OPS", "team-ops")::get;

    @Test
    void mentions_channel_links_and_links_read_as_in_a_slack_client() {
        String text = "<@U0ALICE> see <#C0OPS> and <#C0XYZ|other>, <!here>, <https://x.example/runbook|the runbook> "
                + "or <https://x.example/raw>; <@U0NOBODY> &lt;ok&gt; &amp; done";
        assertThat(ShellText.readable(text, NAMES)).isEqualTo("@alice see #team-ops and #other, @here, the runbook "
                + "(https://x.example/runbook) or https://x.example/raw; @U0NOBODY <ok> & done");
    }

    @Test
    void blocks_are_shown_instead_of_the_fallback_text_and_attachments_after_them() {
        Map<String, Object> message = Json.readMap("""
                {"text": "fallback", "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "text": "Runbook: DiskFull"}},
                  {"type": "section", "text": {"type": "mrkdwn", "text": "*Steps* for <@U0ALICE>"},
                   "fields": [{"type": "mrkdwn", "text": "service: db-1"}]},
                  {"type": "divider"},
                  {"type": "context", "elements": [{"type": "mrkdwn", "text": "runbook module"}, {"type": "image", "alt_text": "logo"}]},
                  {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Acknowledge"}}]},
                  {"type": "rich_text", "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": "ask "}, {"type": "user", "user_id": "U0ALICE"},
                                                              {"type": "text", "text": " in "}, {"type": "channel", "channel_id": "C0OPS"}]},
                    {"type": "rich_text_list", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]},
                                                           {"type": "rich_text_section", "elements": [{"type": "emoji", "name": "fire"}]}]}]}],
                 "attachments": [{"title": "Dashboard", "title_link": "https://grafana.example/d", "fields": [{"title": "env", "value": "prod"}]},
                                 {"fallback": "only a fallback"}]}
                """);
        assertThat(ShellText.message(message, NAMES)).isEqualTo("""
                Runbook: DiskFull
                *Steps* for @alice
                service: db-1
                ----
                runbook module  [image: logo]
                [Acknowledge]
                ask @alice in #team-ops
                • one
                • :fire:
                Dashboard (https://grafana.example/d)
                env: prod
                only a fallback""");
    }

    @Test
    void plain_text_is_shown_when_there_are_no_blocks() {
        assertThat(ShellText.message(Map.of("text", "hello <@U0ALICE>", "blocks", java.util.List.of()), NAMES)).isEqualTo("hello @alice");
    }

    @Test
    void reactions_are_typed_as_emoji_or_slack_names() {
        assertThat(Shell.reactionName("👍")).isEqualTo("+1");
        assertThat(Shell.reactionName(":eyes:")).isEqualTo("eyes");
        assertThat(Shell.reactionName("-1")).isEqualTo("-1");
        assertThatThrownBy(() -> Shell.reactionName("")).hasMessageContaining("/react needs an emoji");
        assertThatThrownBy(() -> Shell.reactionName("🦄")).hasMessageContaining(":+1:");
    }
}
