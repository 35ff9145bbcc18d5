package com.example.ratchet.oncall;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.Message;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.kit.ToolInputs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers "who is on call?" from a rotation of people taking equal shifts in turn:
 * <ul>
 *   <li>a handler that replies in the thread of any message asking it (the phrase is {@code oncall.trigger});</li>
 *   <li>the tool {@code who_is_on_call}, so {@code @ratchet who's on call next week?} works through the commands
 *   module;</li>
 *   <li>the route {@code GET /api/modules/oncall/current?at=...}.</li>
 * </ul>
 * Settings: {@code oncall.rotation} (required), {@code oncall.shift}, {@code oncall.start}, {@code oncall.trigger}.
 */
public class OncallModule implements RatchetModule {

    static final ConfigOption<List<String>> ROTATION = ConfigOption.list("rotation", null).required()
            .validatedBy(ids -> !ids.isEmpty() && ids.stream().allMatch(id -> id.matches("[UW][A-Z0-9]{2,}")),
                    "Slack user ids such as U0123ABCD, comma-separated, in rotation order")
            .describedAs("who takes the shifts, in order (Slack user ids)");
    static final ConfigOption<Duration> SHIFT = ConfigOption.duration("shift", Duration.ofDays(7))
            .validatedBy(d -> d.toMinutes() >= 60, "at least 1h").describedAs("how long one shift lasts");
    static final ConfigOption<String> START = ConfigOption.string("start", "2024-01-01T09:00:00Z")
            .validatedBy(OncallModule::isInstant, "an ISO-8601 instant such as 2024-01-01T09:00:00Z")
            .describedAs("when the first person's first shift began");
    static final ConfigOption<String> TRIGGER = ConfigOption.string("trigger", "who is on call")
            .describedAs("the phrase (any case) that makes the bot answer in the thread");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The tool's arguments: an optional moment to ask about. */
    record WhoIsOnCallInput(Optional<String> at) {
    }

    private ModuleContext ctx;
    private Rotation rotation;
    private String trigger;

    @Override
    public String id() {
        return "oncall";
    }

    @Override
    public String description() {
        return "answers \"who is on call?\" from a rotation (example third-party module)";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(ROTATION, SHIFT, START, TRIGGER);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        this.rotation = new Rotation(context.config().get(ROTATION), Instant.parse(context.config().get(START)), context.config().get(SHIFT));
        this.trigger = context.config().get(TRIGGER).toLowerCase(Locale.ROOT);

        context.on("answer", Subscription.to(EventType.MESSAGE, EventType.THREAD_REPLY), this::answer);
        context.tool(ToolInputs.tool("who_is_on_call",
                "Who is on call now (or at a given ISO-8601 instant), until when, and who is next.",
                WhoIsOnCallInput.class, List.of("who is on call?", "who's on call next week?"), false,
                (input, call) -> rotation.at(input.at().map(OncallModule::instant).orElseGet(ctx.clock()::instant)).toMap()));
        context.route(HttpMethod.GET, "current", request -> RouteHandler.Response.ok(
                rotation.at(request.query("at").map(OncallModule::instant).orElseGet(ctx.clock()::instant)).toMap()));
    }

    /** Replies once per message (the post key), so a retried or redelivered event does not answer twice. */
    private void answer(ChannelEvent event) throws Exception {
        Message m = event.message();
        if (m.isFromBot() || !m.text().toLowerCase(Locale.ROOT).contains(trigger)) {
            return;
        }
        Rotation.Shift now = rotation.at(ctx.clock().instant());
        String text = "<@" + now.user() + "> is on call until " + WHEN.format(now.until()) + "; next is <@" + now.next() + ">.";
        ctx.slack().post("oncall:" + event.key(), SlackService.Post.reply(m.channelId(), m.threadTs().orElse(m.ts()), text));
    }

    private static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 instant such as 2024-01-01T09:00:00Z");
        }
    }
}
