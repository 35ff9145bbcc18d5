package dev.ratchet.testkit.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebApiTest {

    private SlackEmulator slack;
    private Slack client;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        slack = SlackEmulator.start();
        slack.addUser("U_ALICE", "alice", "Alice Smith", "alice@example.com");
        slack.addChannel("C_OPS", "team-ops");
        slack.botJoins("C_OPS");
        client = Slack.getInstance(slack.slackConfig());
        methods = client.methods(slack.botToken());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        slack.close();
    }

    @Test
    void auth_test_names_the_bot_and_its_team() throws Exception {
        AuthTestResponse auth = methods.authTest(r -> r);

        assertThat(auth.isOk()).isTrue();
        assertThat(auth.getUserId()).isEqualTo(slack.botUserId());
        assertThat(auth.getBotId()).isEqualTo(slack.botId());
        assertThat(auth.getTeamId()).isEqualTo(slack.teamId());
        assertThat(auth.getUrl()).startsWith("https://");
        assertThat(slack.calls("auth.test"))
                .singleElement()
                .satisfies(call -> assertThat(call.token()).isEqualTo(ApiCall.Token.BOT));
    }

    @Test
    void unknown_token_is_refused_with_invalid_auth() throws Exception {
        AuthTestResponse auth = client.methods("xoxb-not-issued-here").authTest(r -> r);

        assertThat(auth.isOk()).isFalse();
        assertThat(auth.getError()).isEqualTo("invalid_auth");
        assertThat(slack.calls()).last().extracting(ApiCall::token).isEqualTo(ApiCall.Token.INVALID);
    }

    @Test
    void app_token_opens_a_socket_mode_connection_url_and_the_bot_token_does_not() throws Exception {
        assertThat(client.methods(slack.appToken()).appsConnectionsOpen(r -> r).getUrl())
                .startsWith("ws://127.0.0.1:")
                .contains("/link/?ticket=");
        assertThat(methods.appsConnectionsOpen(r -> r).getError()).isEqualTo("not_allowed_token_type");
    }

    @Test
    void history_pages_newest_first_with_cursors_until_has_more_is_false() throws Exception {
        List<String> seeded = slack.seedHistory("C_OPS", "U_ALICE", 25, Duration.ofDays(2));

        List<String> read = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        String cursor = null;
        do {
            String from = cursor;
            ConversationsHistoryResponse page = methods.conversationsHistory(
                    r -> r.channel("C_OPS").limit(10).cursor(from));
            assertThat(page.isOk()).isTrue();
            page.getMessages().forEach(m -> read.add(m.getTs()));
            hasMore.add(page.isHasMore());
            cursor = page.getResponseMetadata() == null
                    ? null
                    : page.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());

        // 25 seeded plus nothing else: botJoins stores no message.
        List<String> newestFirst = new ArrayList<>(seeded);
        Collections.reverse(newestFirst);
        assertThat(read).containsExactlyElementsOf(newestFirst);
        assertThat(hasMore).containsExactly(true, true, false);
        assertThat(slack.callCount("conversations.history")).isEqualTo(3);
        assertThat(slack.calls("conversations.history").get(1).param("cursor")).isNotEmpty();
    }

    @Test
    void history_honours_oldest_latest_and_inclusive() throws Exception {
        List<String> ts = slack.seedHistory("C_OPS", "U_ALICE", 5, Duration.ofHours(5));

        ConversationsHistoryResponse exclusive = methods.conversationsHistory(
                r -> r.channel("C_OPS").oldest(ts.get(1)).latest(ts.get(3)));
        ConversationsHistoryResponse inclusive = methods.conversationsHistory(
                r -> r.channel("C_OPS").oldest(ts.get(1)).latest(ts.get(3)).inclusive(true));

        assertThat(exclusive.getMessages()).extracting(Message::getTs).containsExactly(ts.get(2));
        assertThat(inclusive.getMessages()).extracting(Message::getTs).containsExactly(ts.get(3), ts.get(2), ts.get(1));
    }

    @Test
    void history_shows_thread_parents_with_their_reply_counts_and_not_the_replies() throws Exception {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        String parent = slack.seed("C_OPS", "U_ALICE", "disk full on db-1", dayAgo);
        slack.seedReply("C_OPS", parent, "U_ALICE", "still full", dayAgo.plusSeconds(60));
        String last = slack.seedReply("C_OPS", parent, "U_ALICE", "fixed", dayAgo.plusSeconds(120));

        ConversationsHistoryResponse history = methods.conversationsHistory(r -> r.channel("C_OPS"));

        assertThat(history.getMessages()).singleElement().satisfies(m -> {
            assertThat(m.getTs()).isEqualTo(parent);
            assertThat(m.getThreadTs()).isEqualTo(parent);
            assertThat(m.getReplyCount()).isEqualTo(2);
            assertThat(m.getLatestReply()).isEqualTo(last);
        });
    }

    @Test
    void replies_list_the_parent_then_the_replies_oldest_first_across_pages() throws Exception {
        String parent = slack.post("C_OPS", "U_ALICE", "deploy failed");
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(slack.reply("C_OPS", parent, "U_ALICE", "detail " + i));
        }

        ConversationsRepliesResponse first =
                methods.conversationsReplies(r -> r.channel("C_OPS").ts(parent).limit(3));
        ConversationsRepliesResponse second = methods.conversationsReplies(r -> r.channel("C_OPS")
                .ts(parent)
                .limit(3)
                .cursor(first.getResponseMetadata().getNextCursor()));

        assertThat(first.getMessages())
                .extracting(Message::getTs)
                .containsExactly(parent, replies.get(0), replies.get(1));
        assertThat(first.isHasMore()).isTrue();
        assertThat(second.getMessages()).extracting(Message::getTs).containsExactly(replies.get(2), replies.get(3));
        assertThat(second.isHasMore()).isFalse();
        assertThat(second.getMessages().get(0).getThreadTs()).isEqualTo(parent);
    }

    @Test
    void post_message_in_a_thread_is_stored_as_the_bots_reply() throws Exception {
        String parent = slack.post("C_OPS", "U_ALICE", "is prod down?");

        ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("C_OPS")
                .threadTs(parent)
                .text("looking")
                .blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*looking*"))))));

        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo("C_OPS");
        assertThat(posted.getMessage().getBotId()).isEqualTo(slack.botId());
        assertThat(slack.repliesIn("C_OPS", parent)).singleElement().satisfies(reply -> {
            assertThat(reply)
                    .containsEntry("ts", posted.getTs())
                    .containsEntry("user", slack.botUserId())
                    .containsEntry("bot_id", slack.botId())
                    .containsEntry("thread_ts", parent);
            assertThat(reply.get("blocks"))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .hasSize(1);
        });
        assertThat(slack.botPosts())
                .singleElement()
                .satisfies(post ->
                        assertThat(post).containsEntry("channel", "C_OPS").containsEntry("text", "looking"));
        assertThat(slack.message("C_OPS", parent)).containsEntry("reply_count", 1);
        assertThat(slack.calls("chat.postMessage").get(0).param("blocks")).contains("*looking*");
    }

    @Test
    void bot_sees_the_message_event_of_its_own_post() throws Exception {
        methods.chatPostMessage(r -> r.channel("C_OPS").text("hello from the bot"));

        assertThat(slack.deliveredEvents())
                .extracting(DeliveredEvent::event)
                .anySatisfy(event -> assertThat(event)
                        .containsEntry("type", "message")
                        .containsEntry("user", slack.botUserId())
                        .containsEntry("bot_id", slack.botId())
                        .containsEntry("text", "hello from the bot")
                        .containsEntry("channel_type", "channel"));
    }

    @Test
    void posting_where_the_bot_is_not_a_member_fails_with_not_in_channel() throws Exception {
        slack.addChannel("C_ELSEWHERE", "elsewhere");

        assertThat(methods.chatPostMessage(r -> r.channel("C_ELSEWHERE").text("hi"))
                        .getError())
                .isEqualTo("not_in_channel");
        assertThat(methods.conversationsHistory(r -> r.channel("C_NOPE")).getError())
                .isEqualTo("channel_not_found");
    }

    @Test
    void lookup_by_an_unknown_email_fails_with_users_not_found() throws Exception {
        UsersLookupByEmailResponse found = methods.usersLookupByEmail(r -> r.email("alice@example.com"));
        UsersLookupByEmailResponse missing = methods.usersLookupByEmail(r -> r.email("nobody@example.com"));

        assertThat(found.getUser().getId()).isEqualTo("U_ALICE");
        assertThat(found.getUser().getRealName()).isEqualTo("Alice Smith");
        assertThat(missing.isOk()).isFalse();
        assertThat(missing.getError()).isEqualTo("users_not_found");
    }

    @Test
    void usergroups_users_list_answers_a_groups_members_and_no_such_subteam_otherwise() throws Exception {
        slack.addUserGroup("S_ONCALL", "U_ALICE");

        var group = methods.usergroupsUsersList(r -> r.usergroup("S_ONCALL"));
        var missing = methods.usergroupsUsersList(r -> r.usergroup("S_NOPE"));

        assertThat(group.isOk()).isTrue();
        assertThat(group.getUsers()).containsExactly("U_ALICE");
        assertThat(missing.isOk()).isFalse();
        assertThat(missing.getError()).isEqualTo("no_such_subteam");
    }

    @Test
    void users_info_conversations_info_and_users_conversations_describe_the_workspace() throws Exception {
        slack.addChannel("C_OTHER", "other");

        assertThat(methods.usersInfo(r -> r.user("U_ALICE"))
                        .getUser()
                        .getProfile()
                        .getEmail())
                .isEqualTo("alice@example.com");
        assertThat(methods.conversationsInfo(r -> r.channel("C_OPS"))
                        .getChannel()
                        .getName())
                .isEqualTo("team-ops");
        assertThat(methods.usersConversations(r -> r).getChannels())
                .extracting(c -> c.getId())
                .containsExactly("C_OPS");
        assertThat(methods.botsInfo(r -> r.bot(slack.botId())).getBot().getUserId())
                .isEqualTo(slack.botUserId());
    }

    @Test
    void a_forced_rate_limit_surfaces_as_slack_api_exception_with_status_429_and_retry_after() throws Exception {
        slack.failNext("conversations.history", 1, 7);

        SlackApiException limited = catchThrowableOfType(
                SlackApiException.class, () -> methods.conversationsHistory(r -> r.channel("C_OPS")));

        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("7");
        assertThat(limited.getError().getError()).isEqualTo("ratelimited");
        assertThat(methods.conversationsHistory(r -> r.channel("C_OPS")).isOk()).isTrue();
        assertThat(slack.calls("conversations.history"))
                .extracting(ApiCall::error)
                .containsExactly("ratelimited", null);
    }

    @Test
    void non_marketplace_limits_cap_pages_at_15_and_refuse_a_second_call_within_the_interval() throws Exception {
        slack.seedHistory("C_OPS", "U_ALICE", 40, Duration.ofDays(1));
        slack.nonMarketplaceLimits(Duration.ofMinutes(1));

        ConversationsHistoryResponse page =
                methods.conversationsHistory(r -> r.channel("C_OPS").limit(200));
        SlackApiException second = catchThrowableOfType(
                SlackApiException.class,
                () -> methods.conversationsHistory(r -> r.channel("C_OPS")
                        .limit(200)
                        .cursor(page.getResponseMetadata().getNextCursor())));

        assertThat(page.getMessages()).hasSize(15);
        assertThat(page.isHasMore()).isTrue();
        assertThat(second.getResponse().code()).isEqualTo(429);
        assertThat(Integer.parseInt(second.getResponse().header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void non_marketplace_limits_let_a_call_through_once_the_interval_has_passed() throws Exception {
        slack.seedHistory("C_OPS", "U_ALICE", 20, Duration.ofDays(1));
        slack.nonMarketplaceLimits(Duration.ofMillis(300));

        List<String> read = new ArrayList<>();
        String cursor = null;
        do {
            String from = cursor;
            ConversationsHistoryResponse page = retryingOn429(() -> methods.conversationsHistory(
                    r -> r.channel("C_OPS").limit(100).cursor(from)));
            page.getMessages().forEach(m -> read.add(m.getTs()));
            cursor = page.getResponseMetadata().getNextCursor();
        } while (!cursor.isEmpty());

        assertThat(read).hasSize(20).doesNotHaveDuplicates();
    }

    /** What a well-behaved client does: call again after a 429 until it is let through. */
    private static <T> T retryingOn429(Callable<T> call) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(SlackApiException.class)
                .until(call, Objects::nonNull);
    }

    @Test
    void json_bodies_are_accepted_like_form_posts() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                                .header("Authorization", "Bearer " + slack.botToken())
                                .header("Content-Type", "application/json; charset=utf-8")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"channel\":\"C_OPS\",\"text\":\"via json\",\"blocks\":[{\"type\":\"divider\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(Json.readMap(response.body())).containsEntry("ok", true).containsEntry("channel", "C_OPS");
        assertThat(slack.botPosts()).singleElement().satisfies(post -> {
            assertThat(post).containsEntry("text", "via json");
            assertThat(post.get("blocks"))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .hasSize(1);
        });
        assertThat(slack.calls("chat.postMessage").get(0).param("blocks")).isEqualTo("[{\"type\":\"divider\"}]");
    }

    @Test
    void calls_are_recorded_without_their_token() throws Exception {
        methods.chatPostMessage(r -> r.channel("C_OPS").text("x"));

        assertThat(slack.calls()).allSatisfy(call -> {
            assertThat(call.params()).doesNotContainKey("token");
            assertThat(call.params().values()).noneMatch(v -> v.contains(slack.botToken()));
        });
        assertThat(slack.calls("chat.postMessage").get(0).params()).containsAllEntriesOf(Map.of("channel", "C_OPS"));
    }
}
