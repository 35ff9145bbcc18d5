package dev.ratchet.module.report;

import static dev.ratchet.testkit.TestBot.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.module.report.SeededWeek.ClassifierStandIn;
import dev.ratchet.spi.AlertEvent;
import dev.ratchet.spi.MessageRef;
import dev.ratchet.spi.Question;
import dev.ratchet.testkit.TestBot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shift hand-off over a seeded night of {@link TestBot#CHANNEL} (Europe/Berlin, shift changes at 01:00 and 13:00,
 * so the shift ending at {@link #NOW} runs 00:00 to 12:00 UTC) and of a private channel: the digest's content exactly,
 * as tool, text and post; the scheduled job posting once per shift change, and the DMs to an on-call user group.
 */
class ShiftHandoffTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String ALICE = SeededWeek.ALICE;
    static final String BOB = SeededWeek.BOB;
    static final String CAROL = "U0CAROL01";
    static final String AM = SeededWeek.ALERTMANAGER;
    static final String SECRET = "C0SECRET1";

    static TestBot bot;
    static ClassifierStandIn classifier;
    static ReportModule report;
    static final List<Runnable> recordings = new ArrayList<>();
    static long seq;
    static String latency, crash, crashReply, jobLate, diskFull, diskFullResolved, cert, staging, secretAlert;

    @BeforeAll
    static void start() {
        classifier = new ClassifierStandIn();
        report = new ReportModule();
        bot = TestBot.with(classifier, report)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .set("report.channel-time-zones", CHANNEL + "=Europe/Berlin," + SECRET + "=Europe/Paris")
                .set("report.handoff-times", "13:00,01:00")
                .set("report.handoff-channels", CHANNEL + "," + SECRET)
                .set("report.handoff-to", "S0ONCALL1")
                .slack(s -> {
                    s.addUser(ALICE, "alice", "Alice Smith", "alice@example.com");
                    s.addUser(BOB, "bob", "Bob Jones", "bob@example.com");
                    s.addUser(CAROL, "carol", "Carol Diaz", "carol@example.com");
                    s.addUserGroup("S0ONCALL1", ALICE, BOB);
                    s.addPrivateChannel(SECRET, "sec-incident");
                    s.joins(SECRET, ALICE);
                    s.botJoins(SECRET);
                })
                .start();
        List<Map<String, Object>> history = new ArrayList<>();
        // fired 11:00, Bob replies, still open
        latency = fire(history, "api", "HighLatency", "P2", at("11:00"));
        history.add(TestBot.historic(ts(at("11:05")), latency, BOB, "looking at the db pool"));
        // fired 05:00, Alice replies 05:02, resolved by the tool at 05:10
        crash = fire(history, "search", "PodCrashLooping", null, at("05:00"));
        crashReply = ts(at("05:02"));
        history.add(TestBot.historic(crashReply, crash, ALICE, "restarted the pod"));
        resolve(history, crash, "search", "PodCrashLooping", at("05:10"), AM);
        // fired 02:00, Bob reacts, resolved 02:30
        jobLate = fire(history, "batch", "JobLate", null, at("02:00"));
        history.get(history.size() - 1)
                .put("reactions", List.of(Map.of("name", "white_check_mark", "users", List.of(BOB), "count", 1)));
        resolve(history, jobLate, "batch", "JobLate", at("02:30"), AM);
        // fired 03:00, resolved 03:20 with nobody acting
        diskFull = fire(history, "db", "DiskFull", "P1", at("03:00"));
        diskFullResolved = resolve(history, diskFull, "db", "DiskFull", at("03:20"), AM);
        // fired two days before, nobody replied, still open
        cert = fire(history, "gateway", "CertExpiry", null, Instant.parse("2026-11-28T14:00:00Z"));
        // fired and resolved before the shift: not handed over
        String old = fire(history, "db", "DiskFull", "P1", Instant.parse("2026-11-29T20:00:00Z"));
        resolve(history, old, "db", "DiskFull", Instant.parse("2026-11-29T20:10:00Z"), AM);
        // questions: one answered, one not, one before the shift
        String vpn = ts(at("07:00"));
        history.add(TestBot.historic(vpn, null, CAROL, "how do I get VPN access?"));
        staging = ts(at("08:00"));
        history.add(TestBot.historic(staging, null, CAROL, "is staging down for anyone else?"));
        String earlier = ts(Instant.parse("2026-11-29T22:00:00Z"));
        history.add(TestBot.historic(earlier, null, CAROL, "anyone around?"));
        @SuppressWarnings("unchecked")
        Map<String, Object>[] messages = history.toArray(Map[]::new);
        bot.history(CHANNEL, messages);
        recordings.forEach(Runnable::run);
        var questions = classifier.ctx.questions();
        questions.record(question(CHANNEL, vpn, Optional.of(ts(at("07:10")))));
        questions.record(question(CHANNEL, staging, Optional.empty()));
        questions.record(question(CHANNEL, earlier, Optional.empty()));

        // the private channel: one alert still open
        secretAlert = ts(at("09:00"));
        bot.history(SECRET, TestBot.historic(secretAlert, null, AM, "[FIRING:1] AuthBruteForce sso"));
        classifier
                .ctx
                .alerts()
                .record(event(SECRET, secretAlert, at("09:00"), AlertEvent.Action.OPEN, "sso", "AuthBruteForce", null));
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    static Instant at(String utcTimeOnTheDay) {
        return Instant.parse("2026-11-30T" + utcTimeOnTheDay + ":00Z");
    }

    static String link(String channel, String ts) {
        return classifier.ctx.slack().permalink(channel, ts);
    }

    @Test
    void the_digest_lists_what_is_open_what_was_resolved_and_by_whom_and_the_unanswered_questions() throws Exception {
        ShiftHandoff h = (ShiftHandoff) bot.callTool("shift_handoff", "{\"since\": \"12h\"}");

        assertThat(h.channel()).isEqualTo(CHANNEL);
        assertThat(h.since()).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(h.until()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(h.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(h.open())
                .containsExactly(new ShiftHandoff.OpenAlert(
                        "api",
                        "HighLatency",
                        "P2",
                        latency,
                        "2026-11-30T11:00:00Z",
                        "[FIRING:1] HighLatency api",
                        List.of("bob"),
                        link(CHANNEL, latency)));
        assertThat(h.openBefore())
                .containsExactly(new ShiftHandoff.OpenAlert(
                        "gateway",
                        "CertExpiry",
                        null,
                        cert,
                        "2026-11-28T14:00:00Z",
                        "[FIRING:1] CertExpiry gateway",
                        List.of(),
                        link(CHANNEL, cert)));
        assertThat(h.resolved())
                .containsExactly(
                        new ShiftHandoff.ResolvedAlert(
                                "batch",
                                "JobLate",
                                jobLate,
                                "2026-11-30T02:00:00Z",
                                "2026-11-30T02:30:00Z",
                                "bob",
                                "reacted",
                                link(CHANNEL, jobLate)),
                        new ShiftHandoff.ResolvedAlert(
                                "db",
                                "DiskFull",
                                diskFull,
                                "2026-11-30T03:00:00Z",
                                "2026-11-30T03:20:00Z",
                                "alertmanager",
                                "tool",
                                link(CHANNEL, diskFull)),
                        new ShiftHandoff.ResolvedAlert(
                                "search",
                                "PodCrashLooping",
                                crash,
                                "2026-11-30T05:00:00Z",
                                "2026-11-30T05:10:00Z",
                                "alice",
                                "replied",
                                link(CHANNEL, crash)));
        assertThat(h.unanswered())
                .containsExactly(new ShiftHandoff.UnansweredQuestion(
                        staging,
                        "2026-11-30T08:00:00Z",
                        "carol",
                        "is staging down for anyone else?",
                        link(CHANNEL, staging)));
    }

    @Test
    void the_text_shows_times_in_the_channel_time_zone_with_a_link_for_each_item() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, String> text =
                (Map<String, String>) bot.callTool("shift_handoff", "{\"since\": \"12h\", \"format\": \"text\"}");

        assertThat(text.get("text"))
                .isEqualTo(String.join(
                        "\n",
                        "Shift hand-off, 2026-11-30 01:00 to 2026-11-30 13:00 (Europe/Berlin)",
                        "Fired and still open (1):",
                        "- api / HighLatency, P2, fired 2026-11-30 12:00; replied: bob",
                        "  " + link(CHANNEL, latency),
                        "Still open from before this shift (1):",
                        "- gateway / CertExpiry, fired 2026-11-28 15:00; nobody replied",
                        "  " + link(CHANNEL, cert),
                        "Resolved (3):",
                        "- batch / JobLate, fired 2026-11-30 03:00, resolved 2026-11-30 03:30 by bob (reacted)",
                        "  " + link(CHANNEL, jobLate),
                        "- db / DiskFull, fired 2026-11-30 04:00, resolved 2026-11-30 04:20 by alertmanager (the tool; nobody acted)",
                        "  " + link(CHANNEL, diskFull),
                        "- search / PodCrashLooping, fired 2026-11-30 06:00, resolved 2026-11-30 06:10 by alice "
                                + "(replied in the thread)",
                        "  " + link(CHANNEL, crash),
                        "Questions nobody answered (1):",
                        "- carol, asked 2026-11-30 09:00: \"is staging down for anyone else?\"",
                        "  " + link(CHANNEL, staging)));
    }

    @Test
    void the_schedule_posts_each_channel_once_per_shift_change_and_dms_the_on_call_group_members_allowed_to_see_it()
            throws Exception {
        assertThat(bot.schedules()).contains(new TestBot.Schedule("report", "handoff", HandoffSchedule.CRON, Map.of()));
        bot.jobsOf("report").enqueue(ReportModule.HANDOFF, "test-handoff", Map.of());
        // public channel: posted there and sent to Alice and Bob; private channel: there and to Alice, its member
        bot.awaitBotPost(p -> SECRET.equals(p.get("channel")));
        bot.awaitBotPost(p -> ("D" + ALICE).equals(p.get("channel"))
                && String.valueOf(p.get("text")).contains("<#" + SECRET + ">"));
        bot.awaitBotPost(p -> ("D" + BOB).equals(p.get("channel")));
        // the job runs every five minutes and may be retried or run on another worker: the next run within the shift
        // change's grace posts nothing new
        report.handoffs();

        List<String> where = bot.botPosts().stream()
                .map(p -> String.valueOf(p.get("channel")))
                .sorted()
                .toList();
        assertThat(where).containsExactly(SECRET, CHANNEL, "D" + ALICE, "D" + ALICE, "D" + BOB);
        String secretPost = bot.botPosts().stream()
                .filter(p -> SECRET.equals(p.get("channel")))
                .map(p -> String.valueOf(p.get("text")))
                .findFirst()
                .orElseThrow();
        assertThat(secretPost)
                .isEqualTo(String.join(
                        "\n",
                        "*Shift hand-off* for <#" + SECRET + ">, 2026-11-30 01:00 to 2026-11-30 13:00 (Europe/Paris)",
                        "*Fired and still open* (1)",
                        "• <" + link(SECRET, secretAlert) + "|sso / AuthBruteForce>, fired 2026-11-30 10:00; "
                                + "nobody replied"));
        // Bob is not in the private channel: his DM is the public channel's digest
        assertThat(bot.botPosts().stream()
                        .filter(p -> ("D" + BOB).equals(p.get("channel")))
                        .map(p -> String.valueOf(p.get("text"))))
                .singleElement()
                .asString()
                .startsWith(
                        "*Shift hand-off* for <#" + CHANNEL + ">, 2026-11-30 01:00 to 2026-11-30 13:00 (Europe/Berlin)")
                .contains("• <" + link(CHANNEL, crash) + "|search / PodCrashLooping>, fired 2026-11-30 06:00, "
                        + "resolved 2026-11-30 06:10 by alice (replied in the thread)")
                .doesNotContain("AuthBruteForce");
    }

    @Test
    void a_shift_change_is_due_only_within_the_grace_after_it_in_the_channel_zone() {
        HandoffSchedule s = HandoffSchedule.parse(List.of("21:00", "09:00"));
        var berlin = java.time.ZoneId.of("Europe/Berlin");
        assertThat(s.due(Instant.parse("2026-11-30T08:04:00Z"), berlin))
                .contains(new HandoffSchedule.Shift(
                        Instant.parse("2026-11-29T20:00:00Z"), Instant.parse("2026-11-30T08:00:00Z")));
        assertThat(s.due(Instant.parse("2026-11-30T09:30:00Z"), berlin)).isEmpty();
        // summer time: 09:00 in Berlin is 07:00 UTC
        assertThat(s.due(Instant.parse("2026-07-01T07:05:00Z"), berlin))
                .map(HandoffSchedule.Shift::until)
                .contains(Instant.parse("2026-07-01T07:00:00Z"));
        assertThatThrownBy(() -> HandoffSchedule.parse(List.of("9am")))
                .hasMessageContaining("'9am' is not a time of day");
    }

    @Test
    void since_takes_minutes_hours_or_days_and_says_what_it_wants_otherwise() {
        assertThat(ReportModule.since(Optional.of("90m"))).isEqualTo(Duration.ofMinutes(90));
        assertThat(ReportModule.since(Optional.empty())).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> ReportModule.since(Optional.of("yesterday")))
                .hasMessage("since must be a number of minutes, hours or days such as 12h, 90m or 1d, was 'yesterday'");
    }

    private static String fire(
            List<Map<String, Object>> history, String service, String alert, String priority, Instant at) {
        String ts = ts(at);
        history.add(TestBot.historic(ts, null, AM, "[FIRING:1] " + alert + " " + service));
        recordings.add(() -> classifier
                .ctx
                .alerts()
                .record(event(CHANNEL, ts, at, AlertEvent.Action.OPEN, service, alert, priority)));
        return ts;
    }

    private static String resolve(
            List<Map<String, Object>> history, String openTs, String service, String alert, Instant at, String by) {
        String ts = ts(at);
        Map<String, Object> m = TestBot.historic(ts, null, by, "[RESOLVED] " + alert + " " + service);
        m.put("username", "alertmanager");
        history.add(m);
        recordings.add(() -> {
            classifier.ctx.alerts().record(event(CHANNEL, ts, at, AlertEvent.Action.CLOSE, service, alert, null));
            classifier
                    .ctx
                    .alerts()
                    .pair(
                            new MessageRef(CHANNEL, openTs),
                            new MessageRef(CHANNEL, ts),
                            Duration.between(Instant.ofEpochSecond(Long.parseLong(openTs.split("\\.")[0])), at));
        });
        return ts;
    }

    private static AlertEvent event(
            String channel,
            String ts,
            Instant at,
            AlertEvent.Action action,
            String service,
            String alert,
            String priority) {
        return new AlertEvent(
                new MessageRef(channel, ts),
                at,
                action,
                service,
                alert,
                Optional.ofNullable(priority),
                Optional.empty(),
                Optional.empty(),
                "alertmanager",
                "builtin");
    }

    private static Question question(String channel, String ts, Optional<String> answeredTs) {
        Instant at = Instant.ofEpochSecond(Long.parseLong(ts.split("\\.")[0]));
        return new Question(new MessageRef(channel, ts), at, CAROL, answeredTs, "builtin");
    }

    /** A unique Slack ts at {@code at}. */
    private static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", ++seq);
    }
}
