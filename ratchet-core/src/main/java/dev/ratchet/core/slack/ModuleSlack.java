package dev.ratchet.core.slack;

import dev.ratchet.core.Json;
import dev.ratchet.core.jobs.CurrentEvent;
import dev.ratchet.core.jobs.EventRef;
import dev.ratchet.core.storage.BotPostRepository;
import dev.ratchet.core.storage.Database;
import dev.ratchet.core.storage.LlmCallRepository;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.SlackUnavailableException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SlackService} for one module: posts are recorded in {@code bot_posts} under the module's post key before
 * they are sent, so a retried job finds the earlier post instead of posting twice.
 */
public final class ModuleSlack implements SlackService {

    /** The {@code event_type} of the metadata every post carries: its module and post key, found after a crash. */
    static final String POST_EVENT_TYPE = "ratchet_post";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ModuleSlack.class);

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
        Optional<Instant> takenOver = Optional.empty();
        for (int wait = 0; !claimed; wait++) {
            Optional<PostedMessage> earlier =
                    posts.posted(moduleId, postKey).map(p -> new PostedMessage(p.channelId(), p.ts()));
            if (earlier.isPresent()) {
                return earlier.get();
            }
            takenOver = posts.takeOverStaleClaim(moduleId, postKey);
            claimed = takenOver.isPresent();
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
        if (takenOver.isPresent()) {
            // the crashed attempt may have been killed after Slack accepted its post, before recording it
            Optional<PostedMessage> landed = landedPost(postKey, post, takenOver.get());
            if (landed.isPresent()) {
                log.info(
                        "module {}: the post '{}' of a crashed attempt had landed; recorded, not posted again",
                        moduleId,
                        postKey);
                return recorded(postKey, landed.get());
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", post.channelId());
        params.put("text", post.text());
        params.put("thread_ts", post.threadTs());
        params.put("blocks", post.blocksJson());
        params.put("unfurl_links", "false");
        params.put(
                "metadata",
                Json.write(Map.of(
                        "event_type",
                        POST_EVENT_TYPE,
                        "event_payload",
                        Map.of("module", moduleId, "post_key", postKey))));
        Map<String, Object> answer;
        try {
            answer = api.callPatiently("chat.postMessage", params, 3);
        } catch (SlackCallException e) {
            if (e.mayHaveTakenEffect()) {
                // no answer: Slack may have posted it all the same; looked for before a retry posts it again
                Optional<PostedMessage> landed = landedPost(postKey, post, Instant.now());
                if (landed.isPresent()) {
                    log.info(
                            "module {}: the post '{}' landed although Slack's answer was lost; recorded",
                            moduleId,
                            postKey);
                    return recorded(postKey, landed.get());
                }
            }
            // release the claim so that the retry of this job posts
            posts.releaseClaim(moduleId, postKey);
            throw new SlackUnavailableException(
                    "module " + moduleId + " could not post to " + post.channelId() + ": " + e.getMessage(), e);
        }
        return recorded(
                postKey, new PostedMessage(String.valueOf(answer.get("channel")), String.valueOf(answer.get("ts"))));
    }

    /** Records where a claimed post landed, with the LLM calls that produced it. */
    private PostedMessage recorded(String postKey, PostedMessage posted) {
        String eventKey = CurrentEvent.get().map(EventRef::key).orElse(null);
        db.transaction(() -> {
            long id = posts.markPosted(moduleId, postKey, posted.channelId(), posted.ts(), eventKey);
            if (eventKey != null) {
                // the LLM calls that produced this post, so feedback on it labels them
                llmCalls.linkToPost(id, moduleId, eventKey);
            }
            return null;
        });
        return posted;
    }

    /**
     * The post of a crashed attempt (or of a call whose answer was lost), if Slack accepted it: a message of the thread
     * (or channel) since the key was first claimed whose metadata carries this module's post key. Empty when none is there, or when Slack cannot
     * be asked (then the post is sent: a post twice beats a post never).
     */
    private Optional<PostedMessage> landedPost(String postKey, Post post, Instant firstClaimed) {
        String channel = post.channelId();
        if (channel == null || channel.startsWith("U") || channel.startsWith("W")) {
            // posted to a person by user id: Slack answered with the direct message's id, not recorded before the
            // crash, so there is no conversation to look in
            return Optional.empty();
        }
        // five minutes before the first claim: Slack's clock and the database's may differ
        Instant since = firstClaimed.minus(java.time.Duration.ofMinutes(5));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("channel", channel);
        if (post.threadTs() != null) {
            params.put("ts", post.threadTs());
        }
        params.put("oldest", since.getEpochSecond() + ".000000");
        params.put("include_all_metadata", "true");
        params.put("limit", "200");
        String method = post.threadTs() != null ? "conversations.replies" : "conversations.history";
        try {
            for (int page = 0; page < 20; page++) {
                Map<String, Object> answer = api.callPatiently(method, params, 3);
                if (answer.get("messages") instanceof java.util.List<?> messages) {
                    for (Object m : messages) {
                        if (m instanceof Map<?, ?> message
                                && message.get("metadata") instanceof Map<?, ?> meta
                                && POST_EVENT_TYPE.equals(meta.get("event_type"))
                                && meta.get("event_payload") instanceof Map<?, ?> payload
                                && moduleId.equals(payload.get("module"))
                                && postKey.equals(payload.get("post_key"))
                                && message.get("ts") instanceof String ts) {
                            return Optional.of(new PostedMessage(channel, ts));
                        }
                    }
                }
                String cursor = answer.get("response_metadata") instanceof Map<?, ?> meta
                                && meta.get("next_cursor") instanceof String next
                        ? next
                        : "";
                if (cursor.isEmpty()) {
                    return Optional.empty();
                }
                params.put("cursor", cursor);
            }
        } catch (SlackCallException e) {
            log.warn(
                    "module {}: could not ask Slack whether the crashed attempt of post '{}' landed ({}); posting it,"
                            + " so it may show twice",
                    moduleId,
                    postKey,
                    e.getMessage());
        }
        return Optional.empty();
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
