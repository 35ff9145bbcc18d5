package dev.ratchet.core.slack;

import dev.ratchet.core.Json;
import dev.ratchet.core.jobs.CurrentEvent;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.storage.BotPostRepository;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.LlmCallRepository;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.SlackUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SlackService} for one module: posts are recorded in {@code bot_posts} under the module's post key before
 * they are sent, so a retried job finds the earlier post instead of posting twice.
 */
public final class ModuleSlack implements SlackService {

    private final String moduleId;
    private final Database db;
    private final BotPostRepository posts;
    private final LlmCallRepository llmCalls;
    private final SlackApi api;
    private final SlackDirectory directory;
    private final SlackConnection connection;

    public ModuleSlack(
            String moduleId, Database db, SlackApi api, SlackDirectory directory, SlackConnection connection) {
        this.moduleId = moduleId;
        this.db = db;
        this.posts = new BotPostRepository(db);
        this.llmCalls = new LlmCallRepository(db);
        this.api = api;
        this.directory = directory;
        this.connection = connection;
    }

    @Override
    public PostedMessage post(String postKey, Post post) throws SlackUnavailableException {
        return dev.ratchet.core.ops.Tracing.inSpan(
                dev.ratchet.core.ops.Tracing.span("slack.post", io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("ratchet.module", moduleId)
                        .setAttribute("slack.channel", String.valueOf(post.channelId()))
                        .startSpan(),
                span -> postOnce(postKey, post));
    }

    /**
     * Whether to keep waiting for a claim past the first 10 s: when it is a minute old or more, a live worker would have
     * posted by now (its Slack call takes seconds), so it was most likely left by a crash and is taken over at two
     * minutes; waiting for that here (up to 90 s more) keeps the job's few retries, spaced 3, 9 and 27 s apart, from
     * all running out before the claim can be taken over (a runbook run failed so after a kill -9 mid-post in
     * ChaosTest).
     */
    private boolean crashedClaim(String postKey, int wait) {
        return wait < 50 + 450
                && posts.unpostedClaimAge(moduleId, postKey)
                        .map(age -> age.compareTo(java.time.Duration.ofMinutes(1)) >= 0)
                        .orElse(false);
    }

    private PostedMessage postOnce(String postKey, Post post) throws SlackUnavailableException {
        if (postKey == null || postKey.isBlank()) {
            throw new IllegalArgumentException("a post needs a post key, so that a retry does not post twice");
        }
        if (post.text() == null || post.text().isBlank()) {
            throw new IllegalArgumentException("a post needs a plain-text fallback");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("text", post.text());
        if (post.blocksJson() != null) {
            attrs.put("blocks", Json.MAPPER.convertValue(readTree(post.blocksJson()), Object.class));
        }
        // Claim the key first; whoever claims it posts. A row already holding a ts was posted before; a row without
        // one is being posted by someone else, or was left by a crash (taken over after two minutes).
        boolean claimed = posts.claim(
                connection.teamId().orElse(null), moduleId, postKey, post.channelId(), post.threadTs(), attrs);
        for (int wait = 0; !claimed; wait++) {
            Optional<PostedMessage> earlier =
                    posts.posted(moduleId, postKey).map(p -> new PostedMessage(p.channelId(), p.ts()));
            if (earlier.isPresent()) {
                return earlier.get();
            }
            claimed = posts.takeOverStaleClaim(moduleId, postKey);
            if (!claimed && wait >= 50 && !crashedClaim(postKey, wait)) {
                throw new SlackUnavailableException("module " + moduleId + ": the post '" + postKey
                        + "' is being sent by another worker; retry later");
            }
            if (!claimed) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SlackUnavailableException("interrupted while waiting for post '" + postKey + "'");
                }
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", post.channelId());
        params.put("text", post.text());
        params.put("thread_ts", post.threadTs());
        params.put("blocks", post.blocksJson());
        params.put("unfurl_links", "false");
        Map<String, Object> answer;
        try {
            answer = api.callPatiently("chat.postMessage", params, 3);
        } catch (SlackCallException e) {
            // release the claim so that the retry of this job posts
            posts.releaseClaim(moduleId, postKey);
            throw new SlackUnavailableException(
                    "module " + moduleId + " could not post to " + post.channelId() + ": " + e.getMessage(), e);
        }
        String channel = String.valueOf(answer.get("channel"));
        String ts = String.valueOf(answer.get("ts"));
        String eventKey = CurrentEvent.get().map(EventRef::key).orElse(null);
        db.transaction(() -> {
            long id = posts.markPosted(moduleId, postKey, channel, ts, eventKey);
            if (eventKey != null) {
                // the LLM calls that produced this post, so feedback on it labels them
                llmCalls.linkToPost(id, moduleId, eventKey);
            }
            return null;
        });
        return new PostedMessage(channel, ts);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("blocks are not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public String permalink(String channelId, String ts) {
        return connection.permalink(channelId, ts);
    }

    @Override
    public String displayName(String userOrBotId) {
        return directory.displayName(userOrBotId);
    }

    @Override
    public String readable(String slackText) {
        return directory.render(slackText);
    }

    @Override
    public Optional<String> userIdByEmail(String email) throws SlackUnavailableException {
        try {
            Map<String, Object> answer = api.callPatiently("users.lookupByEmail", Map.of("email", email), 3);
            return answer.get("user") instanceof Map<?, ?> u
                    ? Optional.ofNullable((String) u.get("id"))
                    : Optional.empty();
        } catch (SlackCallException e) {
            if (e.error().equals("users_not_found")) {
                return Optional.empty();
            }
            throw new SlackUnavailableException("users.lookupByEmail failed: " + e.error(), e);
        }
    }

    @Override
    public java.util.List<String> userGroupMembers(String userGroupId) throws SlackUnavailableException {
        try {
            Map<String, Object> answer =
                    api.callPatiently("usergroups.users.list", Map.of("usergroup", userGroupId), 3);
            return ids(answer.get("users"));
        } catch (SlackCallException e) {
            throw new SlackUnavailableException(
                    "usergroups.users.list of " + userGroupId + " failed: " + e.error()
                            + (e.error().equals("missing_scope")
                                    ? " (add the usergroups:read scope to the Slack app, see app-manifest.yaml)"
                                    : ""),
                    e);
        }
    }

    @Override
    public java.util.List<String> channelMembers(String channelId) throws SlackUnavailableException {
        java.util.List<String> members = new java.util.ArrayList<>();
        String cursor = "";
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("channel", channelId);
            params.put("limit", "200");
            if (!cursor.isEmpty()) {
                params.put("cursor", cursor);
            }
            Map<String, Object> answer;
            try {
                answer = api.callPatiently("conversations.members", params, 3);
            } catch (SlackCallException e) {
                throw new SlackUnavailableException(
                        "conversations.members of " + channelId + " failed: " + e.error(), e);
            }
            members.addAll(ids(answer.get("members")));
            cursor = answer.get("response_metadata") instanceof Map<?, ?> meta && meta.get("next_cursor") != null
                    ? String.valueOf(meta.get("next_cursor"))
                    : "";
        } while (!cursor.isEmpty());
        return java.util.List.copyOf(members);
    }

    private static java.util.List<String> ids(Object list) {
        return list instanceof java.util.List<?> l
                ? l.stream().map(String::valueOf).toList()
                : java.util.List.of();
    }

    @Override
    public BotIdentity bot() throws SlackUnavailableException {
        return new BotIdentity(
                connection.teamId().orElseThrow(() -> new SlackUnavailableException("not connected to Slack yet")),
                connection.botUserId().orElse(null),
                connection.botId().orElse(null),
                connection.botName().orElse("ratchet"));
    }
}
