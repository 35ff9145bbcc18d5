package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ratchet.core.Json;
import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import dev.ratchet.testkit.TestSql;
import dev.ratchet.testkit.slack.DeliveredEvent;
import dev.ratchet.testkit.slack.SlackEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Ratchet instances on one database, each with its own job server and its own Slack connection, as two
 * {@code ratchet run} processes would be: every event is stored once, every module run happens once, the bot replies
 * once, and both instances do part of the work.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class ScaleOutTest {

    /** Every handler run: "instance event-key". */
    static final Queue<String> runs = new ConcurrentLinkedQueue<>();

    /** Replies in the thread of every live top-level message, noting which instance ran it. */
    static final class Replier implements RatchetModule {
        final String instance;

        Replier(String instance) {
            this.instance = instance;
        }

        @Override
        public String id() {
            return "replier";
        }

        @Override
        public void start(ModuleContext ctx) {
            ctx.on("reply", Subscription.to(EventType.MESSAGE), e -> {
                runs.add(instance + " " + e.key());
                ctx.slack()
                        .post(
                                "reply:" + e.key(),
                                SlackService.Post.reply(
                                        e.message().channelId(), e.message().ts(), "seen"));
            });
        }
    }

    static Ratchet start(TestDatabase db, SlackEmulator slack, String instance, Map<String, String> more) {
        Map<String, String> flags = new LinkedHashMap<>(more);
        flags.put("slack.bot-token", slack.botToken());
        flags.put("slack.api-url", slack.apiUrl());
        flags.put("llm.url", "off");
        flags.put("db.pool-size", "6");
        flags.put("jobs.workers", "4");
        Ratchet ratchet = Ratchet.start(
                db.config(flags),
                ModuleRegistry.of(List.of(new Replier(instance))).enable(List.of(), List.of()),
                Clock.systemUTC());
        ratchet.startJobServer();
        ratchet.startSlackEvents();
        return ratchet;
    }

    static int count(TestDatabase db, String sql, String channel) {
        return TestSql.of(db).count(sql, channel);
    }

    static void awaitOnboarded(TestDatabase db, String channel) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                db,
                                "select count(*) from channels where id = ? and attrs -> 'onboarding' ->> 'state' = 'done'",
                                channel)
                        == 1);
    }

    /** Waits until every message has a reply and the module runs are all done, then checks each happened once. */
    static void assertEachHandledOnce(
            TestDatabase db, SlackEmulator slack, String channel, List<String> posted, Ratchet a, Ratchet b) {
        String runsOf =
                "select count(*) from module_runs where module_id = 'replier' and event_key like 'message:' || ? || ':%'";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> posted.stream()
                        .allMatch(ts -> !slack.repliesIn(channel, ts).isEmpty()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(db, runsOf + " and state = 'done'", channel) == posted.size());
        slack.awaitAcked(Duration.ofSeconds(10));

        for (String ts : posted) {
            assertThat(slack.repliesIn(channel, ts)).as("replies to %s", ts).hasSize(1);
        }
        assertThat(slack.botPosts().stream().filter(p -> channel.equals(p.get("channel"))))
                .hasSize(posted.size());
        assertThat(count(db, runsOf, channel)).isEqualTo(posted.size());
        assertThat(count(db, runsOf + " and attempts = 1", channel)).isEqualTo(posted.size());
        List<String> here = runs.stream()
                .filter(r -> r.contains(" message:" + channel + ":"))
                .toList();
        assertThat(here).hasSize(posted.size());
        assertThat(here.stream().map(r -> r.substring(r.indexOf(' ') + 1)).distinct())
                .hasSize(posted.size());
        // both instances ran handlers, each in its own job server
        assertThat(here.stream().map(r -> r.substring(0, r.indexOf(' '))).distinct())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(count(
                        db,
                        "select count(distinct p ->> 'serverId') from "
                                + db.settings().jobsSchema() + ".jobrunr_jobs j,"
                                + " jsonb_array_elements(cast(j.jobasjson as jsonb) -> 'jobHistory') p where p ->> 'state' = 'PROCESSING'"
                                + " and cast(j.jobasjson as jsonb) ->> 'jobName' like 'replier:reply message:' || ? || ':%'",
                        channel))
                .isEqualTo(2);
        double ranByA = MetricsTest.sum(
                a.metrics().scrape(), "ratchet_module_runs_total", "module", "replier", "outcome", "ok");
        double ranByB = MetricsTest.sum(
                b.metrics().scrape(), "ratchet_module_runs_total", "module", "replier", "outcome", "ok");
        assertThat(ranByA).isPositive();
        assertThat(ranByB).isPositive();
    }

    static double duplicates(Ratchet a, Ratchet b) {
        return MetricsTest.sum(a.metrics().scrape(), "ratchet_events_duplicate_total")
                + MetricsTest.sum(b.metrics().scrape(), "ratchet_events_duplicate_total");
    }

    @Test
    void two_socket_mode_instances_share_the_events_and_reply_once_each(TestDatabase db) {
        try (SlackEmulator slack = SlackEmulator.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_SOCK", "team-scale");
            slack.botJoins("C_SOCK");
            Map<String, String> socket = Map.of("slack.app-token", slack.appToken());
            try (Ratchet a = start(db, slack, "a", socket);
                    Ratchet b = start(db, slack, "b", socket)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> slack.connectionCount() == 2);
                awaitOnboarded(db, "C_SOCK");
                List<String> posted = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    String ts = slack.post("C_SOCK", "U_ALICE", "message " + i);
                    posted.add(ts);
                    if (i % 5 == 0) { // a Socket Mode redelivery, which goes to the next connection
                        slack.redeliver(eventIdOf(slack, ts), 1);
                    }
                }
                assertEachHandledOnce(db, slack, "C_SOCK", posted, a, b);
                assertThat(duplicates(a, b)).isGreaterThanOrEqualTo(6);
            }
        }
    }

    @Test
    void an_event_delivered_to_both_http_endpoints_is_stored_and_handled_once(TestDatabase db) throws Exception {
        try (SlackEmulator slack = SlackEmulator.start()) {
            slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
            slack.addChannel("C_HTTP", "team-scale-http");
            Map<String, String> http = Map.of(
                    "slack.mode",
                    "http",
                    "slack.signing-secret",
                    slack.signingSecret(),
                    "slack.events-address",
                    "127.0.0.1:0");
            try (Ratchet a = start(db, slack, "a", http);
                    Ratchet b = start(db, slack, "b", http)) {
                List<URI> endpoints = List.of(endpoint(a), endpoint(b));
                slack.deliverEventsTo(endpoints.get(0));
                slack.botJoins("C_HTTP"); // its member_joined_channel event starts the onboarding
                awaitOnboarded(db, "C_HTTP");
                HttpClient client = HttpClient.newHttpClient();
                List<String> posted = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    slack.deliverEventsTo(endpoints.get(i % 2));
                    String ts = slack.post("C_HTTP", "U_ALICE", "over http " + i);
                    posted.add(ts);
                    slack.awaitAcked(Duration.ofSeconds(10));
                    // as if a load balancer retried it on the other process
                    String body = Json.write(callbackOf(slack, ts));
                    long now = Instant.now().getEpochSecond();
                    HttpResponse<String> answer = client.send(
                            HttpRequest.newBuilder(endpoints.get((i + 1) % 2))
                                    .header("Content-Type", "application/json")
                                    .header("X-Slack-Request-Timestamp", Long.toString(now))
                                    .header("X-Slack-Signature", slack.sign(now, body))
                                    .header("X-Slack-Retry-Num", "1")
                                    .header("X-Slack-Retry-Reason", "http_timeout")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).isEqualTo(200);
                    assertThat(count(db, "select count(*) from slack_events where event_id = ?", (String)
                                    callbackOf(slack, ts).get("event_id")))
                            .isEqualTo(1);
                }
                assertEachHandledOnce(db, slack, "C_HTTP", posted, a, b);
                assertThat(duplicates(a, b)).isGreaterThanOrEqualTo(10);
            }
        }
    }

    static URI endpoint(Ratchet ratchet) {
        return URI.create(
                "http://127.0.0.1:" + ratchet.slack().orElseThrow().connection().eventsPort() + "/slack/events");
    }

    static Map<String, Object> callbackOf(SlackEmulator slack, String ts) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> slack.deliveredEvents().stream()
                                .filter(d -> "message".equals(d.type())
                                        && ts.equals(d.event().get("ts"))
                                        && d.event().get("subtype") == null)
                                .findFirst()
                                .map(DeliveredEvent::callback),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    static String eventIdOf(SlackEmulator slack, String ts) {
        return (String) callbackOf(slack, ts).get("event_id");
    }
}
