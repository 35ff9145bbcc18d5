package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.module.classifier.Classification.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Shapes opened on blind set 60 (2026-12-07: a month of one team's channel in renderings nobody here had read), written
 * here in other words than its own: a state said only by an attachment's fallback under a team's own title and text, a
 * monitoring script posting under the host's name, a script's "this is a test message" above a real-looking card, a
 * request for responders to an incident already open, and a digest's count of alerts since a time.
 */
class TeamMonthShapesTest {

    final BuiltinClassifier builtin = new BuiltinClassifier();

    Optional<Classification> alert(MessageView view) {
        return builtin.classify(view).filter(Classification::isAlert);
    }

    static MessageView card(String username, String text, Map<String, Object> att) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("subtype", "bot_message");
        message.put("username", username);
        message.put("text", text);
        message.put("attachments", List.of(att));
        return MessageView.ofSlack(message);
    }

    static Map<String, Object> att(String colour, String title, String text, String fallback) {
        Map<String, Object> att = new LinkedHashMap<>();
        if (colour != null) {
            att.put("color", colour);
        }
        att.put("title", title);
        att.put("text", text);
        if (fallback != null) {
            att.put("fallback", fallback);
        }
        return att;
    }

    @Test
    void the_state_tag_of_a_fallback_under_a_title_and_text_of_the_teams_own_is_read() {
        String title = "Invoices backlog on mq-2\nInvoices backlog on mq-5";
        String text = "invoices queue holds 48k messages on mq-2.\ninvoices queue holds 51k messages on mq-5.";
        MessageView firing =
                card("Prometheus", "", att(null, title, text, "[FIRING:2] RabbitQueueDepth | http://am.example/"));
        MessageView resolved =
                card("Prometheus", "", att(null, title, text, "[RESOLVED] RabbitQueueDepth | http://am.example/"));
        assertThat(alert(firing).map(Classification::action)).contains(Action.OPEN);
        assertThat(alert(resolved).map(Classification::action)).contains(Action.CLOSE);
        // named as the fallback names it
        assertThat(alert(firing).map(Classification::alert)).contains("RabbitQueueDepth");
        assertThat(builtin.recognise(resolved).orElseThrow().why())
                .anyMatch(w -> w.contains("fallback") && w.contains("[RESOLVED]"));
        // without the fallback's tag, the same title and text say no state
        assertThat(alert(card("Prometheus", "", att(null, title, text, "Invoices backlog"))))
                .isEmpty();
        // a look-alike keeps out whatever its fallback says
        assertThat(alert(card(
                        "ci-bot",
                        "",
                        att("#cc0000", "Build 4411 of billing-web", "3 tests failed", "[ALERT] build 4411 failed"))))
                .isEmpty();
    }

    @Test
    void a_monitoring_script_posting_under_the_hosts_name_is_read_whatever_words_the_name_holds() {
        assertThat(alert(card(
                                "release-cache-02",
                                "RECOVERY :smiley:",
                                att(
                                        "#00CC00",
                                        "release-cache-02 / Memcached hit ratio is OK",
                                        "OK - hit ratio 96%",
                                        null)))
                        .map(Classification::action))
                .contains(Action.CLOSE);
        // a job's own poster reporting a success stays a report
        assertThat(alert(card(
                        "backup-bot", "", att("#00CC00", "Nightly backup of pg-main is OK", "41 GB in 12 min", null))))
                .isEmpty();
    }

    @Test
    void a_script_saying_its_post_is_a_test_opens_nothing() {
        Map<String, Object> a =
                att("#FF0000", "lab-07 / Swap usage is CRITICAL", "CRITICAL - swap 97% used", "lab-07 / Swap usage");
        a.put("pretext", "This is a test message. Please ignore it.");
        assertThat(alert(card("lab-07", "PROBLEM :scream:", a))).isEmpty();
        // the same card without the pretext opens
        assertThat(alert(card(
                                "lab-07",
                                "PROBLEM :scream:",
                                att(
                                        "#FF0000",
                                        "lab-07 / Swap usage is CRITICAL",
                                        "CRITICAL - swap 97% used",
                                        "lab-07 / Swap usage")))
                        .map(Classification::action))
                .contains(Action.OPEN);
    }

    @Test
    void a_request_for_responders_and_a_digests_count_since_a_time_open_nothing() {
        assertThat(alert(MessageView.ofText(
                        "Email",
                        true,
                        "Response requested by Ines Caro\nIves Caro requested your response:\nPlease help with "
                                + "\"[#871] Payroll export did not finish\"")))
                .isEmpty();
        assertThat(alert(MessageView.ofText(
                        "incident-bot", true, "Marta Ruiz requested your help on INC-214: Checkout latency above 3s")))
                .isEmpty();
        assertThat(alert(MessageView.ofText(
                        "Email",
                        true,
                        "[Errors] BILLING-9Q - 5 new errors since Mar 3, 2027, 14:10 UTC\n5 new errors from billing"
                                + " since Mar 3\nKeyError: 'currency' (5 events)")))
                .isEmpty();
        // the alert the request names, posted by the tool, opens
        assertThat(alert(MessageView.ofText("Email", true, "[#871] Payroll export did not finish\nService: Payroll"))
                        .map(Classification::action))
                .contains(Action.OPEN);
    }
}
