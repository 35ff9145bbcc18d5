package dev.ratchet.module.report;

import static org.awaitility.Awaitility.await;

import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.testkit.TestBot;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A week of #team-ops as Slack history in the emulator, fetched by Ratchet's onboarding, then annotated as the
 * classifier module would annotate it:
 * <ul>
 *   <li>api / HighLatency fires twice; Alice and Bob handle it, resolved after 2h and 1h;</li>
 *   <li>db-1 / DiskFull fires once; only another integration answers in its thread (never acted on), resolved after 30m;</li>
 *   <li>gateway / CertExpiry fires two days ago; Alice replies; it never resolves (open too long);</li>
 *   <li>a resolve message, a person's message, and an alert from before the period, none of which are firings.</li>
 * </ul>
 */
final class SeededWeek {

    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";
    static final String ALERTMANAGER = "B0AM00001";
    static final String PAGERBOT = "B0PAGE001";

    /**
     * A stand-in for the classifier module (built elsewhere): annotations land under the annotating module's id, so
     * it must be called {@code classifier}.
     */
    static final class ClassifierStandIn implements RatchetModule {
        volatile ModuleContext ctx;

        @Override
        public String id() {
            return "classifier";
        }

        @Override
        public void start(ModuleContext ctx) {
            this.ctx = ctx;
        }
    }

    final String channel;
    final Instant now = Instant.now();
    final List<String> stored = new ArrayList<>();
    String latency1;
    String latency2;
    String diskFull;
    String certExpiry;
    String resolved;
    String old;

    SeededWeek(String channel) {
        this.channel = channel;
    }

    /** Arranges the workspace and the channel's history; call before Ratchet starts (onboarding fetches it). */
    void seed(SlackEmulator slack, String channelName) {
        slack.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
        slack.addUser(BOB, "bob", "Bob Jones", "bob@example.com");
        slack.addChannel(channel, channelName);
        slack.botJoins(channel);

        latency1 = alert(slack, "[FIRING:1] HighLatency api", "p99 > 2s on api", now.minus(Duration.ofDays(5)));
        reply(slack, latency1, ALICE, "looking, <@" + BOB + "> can you check the db pool?", Duration.ofMinutes(5));
        reply(slack, latency1, BOB, "pool exhausted again, bumped it from 20 to 40", Duration.ofMinutes(30));

        latency2 = alert(slack, "[FIRING:1] HighLatency api", "p99 > 2s on api", now.minus(Duration.ofDays(3)));
        reply(slack, latency2, BOB, "same pool exhaustion; restarted api", Duration.ofMinutes(10));

        diskFull = alert(
                slack,
                "[FIRING:1] DiskFull db-1",
                "disk 97% on db-1 & rising, owner <@" + BOB + ">",
                now.minus(Duration.ofDays(4)));

        certExpiry = alert(
                slack, "[FIRING:1] CertExpiry gateway", "certificate expires in 3 days", now.minus(Duration.ofDays(2)));
        reply(slack, certExpiry, ALICE, "renewal ticket filed", Duration.ofHours(1));

        resolved = alert(
                slack,
                "[RESOLVED] HighLatency api",
                "p99 back under 2s",
                now.minus(Duration.ofDays(5)).plus(Duration.ofHours(2)));
        stored.add(slack.seed(channel, ALICE, "deploying v2.3 to production", now.minus(Duration.ofDays(1))));
        old = alert(slack, "[FIRING:1] DiskFull db-1", "disk 95% on db-1", now.minus(Duration.ofDays(10)));
    }

    /** Waits for onboarding to store every seeded message, then annotates the alerts as the classifier would. */
    void classify(TestBot bot, ClassifierStandIn classifier) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored.stream()
                        .allMatch(
                                ts -> classifier.ctx.messages().get(channel, ts).isPresent()));
        // an integration's reply in the DiskFull thread: a bot, so the alert still counts as never acted on
        Map<String, Object> botReply = new LinkedHashMap<>();
        botReply.put("type", "message");
        botReply.put("subtype", "bot_message");
        botReply.put("channel", channel);
        botReply.put("bot_id", PAGERBOT);
        botReply.put("username", "pagerbot");
        botReply.put("text", "escalated to the on-call of db-1");
        botReply.put("ts", ts(diskFull, 60));
        botReply.put("thread_ts", diskFull);
        bot.slack().deliver(botReply);
        var messages = classifier.ctx.messages();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> messages.get(channel, ts(diskFull, 60)).isPresent());
        messages.annotate(channel, latency1, open("api", "HighLatency", "P2", resolved, 7200));
        messages.annotate(channel, latency2, open("api", "HighLatency", "P2", ts(latency2, 3600), 3600));
        messages.annotate(channel, diskFull, open("db-1", "DiskFull", "P1", ts(diskFull, 1800), 1800));
        messages.annotate(channel, certExpiry, open("gateway", "CertExpiry", null, null, null));
        messages.annotate(
                channel,
                resolved,
                Map.of(
                        "action",
                        "close",
                        "service",
                        "api",
                        "alert",
                        "HighLatency",
                        "opened_ts",
                        latency1,
                        "duration_seconds",
                        7200));
        messages.annotate(channel, old, open("db-1", "DiskFull", "P1", null, null));
    }

    private static Map<String, Object> open(
            String service, String alert, String priority, String closedTs, Integer duration) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("action", "open");
        a.put("service", service);
        a.put("alert", alert);
        if (priority != null) {
            a.put("priority", priority);
        }
        if (closedTs != null) {
            a.put("closed_ts", closedTs);
            a.put("duration_seconds", duration);
        }
        return a;
    }

    private String alert(SlackEmulator slack, String title, String text, Instant at) {
        String ts = slack.seedIntegration(
                channel,
                ALERTMANAGER,
                "alertmanager",
                "",
                List.of(Map.of("title", title, "text", text, "color", "danger")),
                at);
        stored.add(ts);
        return ts;
    }

    private void reply(SlackEmulator slack, String parent, String user, String text, Duration after) {
        stored.add(slack.seedReply(
                channel, parent, user, text, Instant.parse(ts(parent)).plus(after)));
    }

    /** A Slack ts as an ISO instant. */
    static String ts(String slackTs) {
        String[] parts = slackTs.split("\\.");
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]) * 1000)
                .toString();
    }

    /** The Slack ts {@code seconds} after another. */
    static String ts(String slackTs, long seconds) {
        String[] parts = slackTs.split("\\.");
        return (Long.parseLong(parts[0]) + seconds) + "." + parts[1];
    }
}
