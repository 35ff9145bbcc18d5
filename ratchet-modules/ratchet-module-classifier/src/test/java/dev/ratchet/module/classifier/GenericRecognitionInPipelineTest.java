package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tool no recogniser was written for, posting Block Kit with a text fallback (which core's stored text keeps instead
 * of the blocks), goes through the real pipeline: the module reads the Slack JSON, the generic recogniser opens the
 * alert and pairs its recovery.
 */
class GenericRecognitionInPipelineTest {

    static Map<String, Object> uptimeKuma(String ts, String state) {
        return JsonText.parseObject("""
                {"type":"message","channel":"C_OPS","ts":"%s","bot_id":"B_KUMA","subtype":"bot_message",
                 "username":"Uptime Kuma","text":"Uptime Kuma Alert","blocks":[
                  {"type":"header","text":{"type":"plain_text","text":"Uptime Kuma Alert"}},
                  {"type":"section","text":{"type":"mrkdwn","text":"*Message*\\n[Public API health] [%s] timeout"}}]}""".formatted(ts, state));
    }

    @Test
    void block_kit_alert_of_an_unseen_tool_opens_and_its_recovery_closes_it() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .slack(slack -> {
                    slack.addChannel("C_OPS", "team-ops");
                    slack.botJoins("C_OPS");
                })
                .set("classifier.embed", "false")
                .start()) {
            bot.slack().deliver(uptimeKuma("1764640000.000100", "🔴 Down"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.annotation("C_OPS", "1764640000.000100", "classifier")
                            .isPresent());
            assertThat(bot.annotation("C_OPS", "1764640000.000100", "classifier")
                            .orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("alert", "Public API health")
                    .containsEntry("source", "generic")
                    .containsEntry("method", "builtin");

            bot.slack().deliver(uptimeKuma("1764640300.000100", "✅ Up"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.annotation("C_OPS", "1764640000.000100", "classifier")
                            .map(a -> a.containsKey("closed_ts"))
                            .orElse(false));
            assertThat(bot.annotation("C_OPS", "1764640300.000100", "classifier")
                            .orElseThrow())
                    .containsEntry("action", "close")
                    .containsEntry("alert", "Public API health");
        }
    }
}
