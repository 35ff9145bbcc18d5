package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alerts posted by scripts and workflows under a person's account (no bot id): what only the API can post (an
 * attachment with a colour and a title) is read as an integration's; plain text from a person's account is not, unless
 * the account is listed in {@code classifier.integration-users}.
 */
class IntegrationUserAlertsTest {

    static Map<String, Object> fromUser(String user, String ts, String json) {
        return JsonText.parseObject("""
                {"type":"message","channel":"C_OPS","ts":"%s","user":"%s",%s}""".formatted(ts, user, json));
    }

    static final String ATTACHMENT = """
            "text":"","attachments":[{"color":"danger","title":"PROBLEM: ping4 on app-2 is CRITICAL",
             "text":"PING CRITICAL - Packet loss = 80%%","fields":[{"title":"Host","value":"app-2","short":true},
             {"title":"Service","value":"ping4","short":true}]}]""";
    static final String PLAIN = "\"text\":\"** PROBLEM Service Alert: web-03/HTTP is CRITICAL **\"";

    @Test
    void an_account_posting_an_integrations_attachment_is_read_as_one_plain_text_only_when_listed() {
        try (TestBot bot = TestBot.with(new ClassifierModule())
                .slack(slack -> {
                    slack.addChannel("C_OPS", "team-ops");
                    slack.botJoins("C_OPS");
                })
                .set("classifier.embed", "false")
                .set("classifier.integration-users", "U_SCRIPT")
                .start()) {
            bot.slack().deliver(fromUser("U_NAGIOS", "1764640000.000100", ATTACHMENT.formatted()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.annotation("C_OPS", "1764640000.000100", "classifier")
                            .isPresent());
            assertThat(bot.annotation("C_OPS", "1764640000.000100", "classifier")
                            .orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("alert", "ping4")
                    .containsEntry("service", "app-2");

            // a person's plain text: the same words a script would post, but not an alert
            bot.slack().deliver(fromUser("U_PERSON", "1764640100.000100", PLAIN));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.moduleRuns("C_OPS", "1764640100.000100").stream()
                            .anyMatch(r -> r.handler().equals("classify") && r.finished()));
            assertThat(bot.annotation("C_OPS", "1764640100.000100", "classifier"))
                    .isEmpty();

            // the listed script account: its plain text is
            bot.slack().deliver(fromUser("U_SCRIPT", "1764640200.000100", PLAIN));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bot.annotation("C_OPS", "1764640200.000100", "classifier")
                            .isPresent());
            assertThat(bot.annotation("C_OPS", "1764640200.000100", "classifier")
                            .orElseThrow())
                    .containsEntry("action", "open")
                    .containsEntry("alert", "HTTP")
                    .containsEntry("service", "web-03");
        }
    }
}
