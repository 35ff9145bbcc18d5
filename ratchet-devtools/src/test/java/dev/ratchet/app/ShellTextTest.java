package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.core.Json;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ShellTextTest {

    static final UnaryOperator<String> AS_IS = UnaryOperator.identity();

    @Test
    void slack_escapes_are_undone() {
        assertThat(ShellText.unescape("a &lt;b&gt; &amp;amp; c")).isEqualTo("a <b> &amp; c");
    }

    @Test
    void blocks_are_shown_instead_of_the_fallback_text_and_attachments_after_them_with_markup_left_for_rendering() {
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
        assertThat(ShellText.message(message, AS_IS)).isEqualTo("""
                Runbook: DiskFull
                *Steps* for <@U0ALICE>
                service: db-1
                ----
                runbook module  [image: logo]
                [Acknowledge]
                ask <@U0ALICE> in <#C0OPS>
                • one
                • :fire:
                <https://grafana.example/d|Dashboard>
                env: prod
                only a fallback""");
    }

    @Test
    void plain_text_is_shown_when_there_are_no_blocks() {
        assertThat(ShellText.message(
                        Map.of("text", "hello <@U0ALICE>", "blocks", List.of()),
                        text -> text.replace("<@U0ALICE>", "@alice")))
                .isEqualTo("hello @alice");
    }

    @Test
    void reactions_are_typed_as_emoji_or_slack_names() {
        assertThat(Shell.reactionName("👍")).isEqualTo("+1");
        assertThat(Shell.reactionName(":eyes:")).isEqualTo("eyes");
        assertThat(Shell.reactionName("-1")).isEqualTo("-1");
        assertThatThrownBy(() -> Shell.reactionName("")).hasMessageContaining("/react and /unreact need an emoji");
        assertThatThrownBy(() -> Shell.reactionName("🦄")).hasMessageContaining(":+1:");
    }
}
