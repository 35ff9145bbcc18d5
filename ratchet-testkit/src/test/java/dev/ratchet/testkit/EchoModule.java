package dev.ratchet.testkit;

import dev.ratchet.spi.ChannelEvent;
import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.EventType;
import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.RetryPolicy;
import dev.ratchet.spi.RouteHandler;
import dev.ratchet.spi.SlackService;
import dev.ratchet.spi.Subscription;
import dev.ratchet.spi.kit.ToolInputs;
import java.util.List;
import java.util.Map;

/** A tiny module for TestBot's own tests: echoes messages, thanks reactions, and has a tool and a route. */
public class EchoModule implements RatchetModule {

    static final ConfigOption<String> PREFIX = ConfigOption.string("prefix", "echo:")
            .validatedBy(p -> !p.isBlank(), "not blank")
            .describedAs("what replies start with");

    record EchoInput(String text, int times) {}

    private ModuleContext ctx;

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public List<ConfigOption<?>> configOptions() {
        return List.of(PREFIX);
    }

    @Override
    public void start(ModuleContext context) {
        this.ctx = context;
        context.on("echo", Subscription.to(EventType.MESSAGE, EventType.THREAD_REPLY), this::echo);
        context.on("thanks", Subscription.to(EventType.REACTION_ADDED), this::thank);
        context.on("explode", Subscription.to(EventType.MESSAGE).withRetry(RetryPolicy.NONE), event -> {
            if (event.message().text().contains("explode")) {
                throw new IllegalStateException("boom, as asked");
            }
        });
        context.tool(ToolInputs.tool(
                "echo_text",
                "Repeats a text.",
                EchoInput.class,
                List.of("say it again"),
                false,
                (input, call) -> Map.of(
                        "echo", (input.text() + " ").repeat(input.times()).trim(), "asked_by", call.userId())));
        context.route(
                HttpMethod.GET,
                "echo/{word}",
                request -> RouteHandler.Response.ok(Map.of(
                        "word",
                        request.pathParams().get("word"),
                        "loud",
                        request.query("loud").orElse("no"))));
        context.route(HttpMethod.POST, "refuse", request -> {
            throw new IllegalArgumentException("refused: " + request.body());
        });
    }

    private void echo(ChannelEvent event) throws Exception {
        var m = event.message();
        if (m.isFromBot() || !m.text().startsWith("echo ")) {
            return;
        }
        String thread = m.threadTs().orElse(m.ts());
        ctx.slack()
                .post(
                        "echo:" + event.key(),
                        SlackService.Post.reply(
                                m.channelId(),
                                thread,
                                ctx.config().get(PREFIX) + " " + m.text().substring("echo ".length())));
    }

    private void thank(ChannelEvent event) throws Exception {
        var m = event.message();
        String emoji = event.reaction().orElseThrow().name();
        ctx.slack()
                .post(
                        "thanks:" + event.key(),
                        SlackService.Post.reply(
                                m.channelId(), m.threadTs().orElse(m.ts()), "thanks for the :" + emoji + ":"));
    }
}
