package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ratchet.core.ops.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One Slack event, one trace: receipt, storage, the module's job, its Slack post; nothing when tracing is off. */
class TracingTest {

    @AfterEach
    void off() {
        Tracing.install(null);
    }

    @Test
    void one_slack_event_yields_one_connected_trace_from_receipt_to_the_post() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Tracing.install(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build());
        try (TestBot bot = TestBot.with(new EchoModule(), new Asker())
                .llm(stub -> stub.defaultReply("all quiet"))
                .start()) {
            TestBot.Sent hello = bot.say("echo traced");
            bot.awaitReplies(hello, 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> spans.getFinishedSpanItems().stream()
                                    .filter(s -> s.getName().startsWith("module "))
                                    .count()
                            >= 3);

            SpanData event = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals("slack.event")
                            && "message"
                                    .equals(s.getAttributes()
                                            .get(io.opentelemetry.api.common.AttributeKey.stringKey(
                                                    "slack.event_type")))
                            && "STORED"
                                    .equals(s.getAttributes()
                                            .get(io.opentelemetry.api.common.AttributeKey.stringKey(
                                                    "ratchet.outcome"))))
                    .filter(s -> spans.getFinishedSpanItems().stream()
                            .anyMatch(p -> p.getName().equals("slack.post")
                                    && p.getTraceId().equals(s.getTraceId())))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no event trace with a post: " + names(spans)));
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(event.getTraceId()))
                    .toList();
            SpanData stored = one(trace, "storage.ingest");
            SpanData handler = one(trace, "module echo:echo");
            SpanData post = trace.stream()
                    .filter(s -> s.getName().equals("slack.post")
                            && s.getParentSpanId().equals(handler.getSpanId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no post of echo in " + names(spans)));
            SpanData asker = one(trace, "module asker:ask");
            SpanData llm = one(trace, "llm chat");

            assertThat(event.getParentSpanContext().isValid())
                    .as("the event is the trace's root")
                    .isFalse();
            assertThat(event.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(stored.getParentSpanId()).isEqualTo(event.getSpanId());
            // the job ran on a job server thread, after the event's span ended: its parent (the storage span, in which
            // it was enqueued) came with the job's data
            assertThat(handler.getParentSpanId()).isEqualTo(stored.getSpanId());
            assertThat(post.getParentSpanId()).isEqualTo(handler.getSpanId());
            assertThat(trace).extracting(SpanData::getName).contains("module echo:explode");
            assertThat(llm.getParentSpanId()).isEqualTo(asker.getSpanId());
            assertThat(llm.getKind()).isEqualTo(SpanKind.CLIENT);
            // a job the handler enqueued is its child, and the module's parameters are its own
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> spans.getFinishedSpanItems().stream()
                            .anyMatch(s -> s.getName().equals("job asker:follow-up")));
            SpanData followUp = one(spans.getFinishedSpanItems(), "job asker:follow-up");
            assertThat(followUp.getTraceId()).isEqualTo(event.getTraceId());
            assertThat(followUp.getParentSpanId()).isEqualTo(asker.getSpanId());
            assertThat(Asker.followUps).containsExactly(Map.of("asked", hello.ts()));
            // the LLM call's row names the trace
            assertThat(TestSql.of(bot.database()).string("select trace_id from llm_calls where module_id = ?", "asker"))
                    .isEqualTo(event.getTraceId());
        }
    }

    /** Asks the LLM about a traced message and posts the answer in its thread. */
    static final class Asker implements dev.ratchet.spi.RatchetModule {
        @Override
        public String id() {
            return "asker";
        }

        static final List<Map<String, Object>> followUps = new CopyOnWriteArrayList<>();

        @Override
        public void start(dev.ratchet.spi.ModuleContext ctx) {
            ctx.job("follow-up", dev.ratchet.spi.RetryPolicy.DEFAULT, followUps::add);
            ctx.on("ask", dev.ratchet.spi.Subscription.to(dev.ratchet.spi.EventType.MESSAGE), event -> {
                var m = event.message();
                if (m.isFromBot() || !m.text().contains("traced")) {
                    return;
                }
                String answer =
                        ctx.llm().chat("answer", List.of(dev.ratchet.spi.LlmService.ChatMessage.user(m.text())));
                ctx.slack()
                        .post(
                                "ask:" + event.key(),
                                dev.ratchet.spi.SlackService.Post.reply(m.channelId(), m.ts(), answer));
                ctx.jobs().enqueue("follow-up", event.key(), Map.of("asked", m.ts()));
            });
        }
    }

    /** Holds its context, to call tools as the commands agent does ({@code ctx.tools()}). */
    static final class ToolCaller implements dev.ratchet.spi.RatchetModule {
        volatile dev.ratchet.spi.ModuleContext ctx;

        @Override
        public String id() {
            return "tool-caller";
        }

        @Override
        public void start(dev.ratchet.spi.ModuleContext ctx) {
            this.ctx = ctx;
        }
    }

    @Test
    void a_tool_call_is_a_span_of_the_callers_trace() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Tracing.install(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build());
        ToolCaller caller = new ToolCaller();
        try (TestBot bot = TestBot.with(new EchoModule(), caller).start()) {
            dev.ratchet.spi.Tool echo = caller.ctx.tools().stream()
                    .filter(t -> t.name().equals("echo_text"))
                    .findFirst()
                    .orElseThrow();
            Tracing.inSpan(
                    "caller",
                    SpanKind.INTERNAL,
                    s -> echo.function()
                            .call(
                                    Map.of("text", "hi", "times", 1),
                                    new dev.ratchet.spi.Tool.ToolCall(null, null, "U1")));
            SpanData callerSpan = one(spans.getFinishedSpanItems(), "caller");
            assertThat(one(spans.getFinishedSpanItems(), "tool echo_text").getParentSpanId())
                    .isEqualTo(callerSpan.getSpanId());
        }
    }

    @Test
    void tracing_is_off_unless_an_otlp_endpoint_or_a_traces_exporter_is_set() {
        assertThat(Tracing.wanted(Map.of())).isFalse();
        assertThat(Tracing.wanted(Map.of("OTEL_TRACES_EXPORTER", "none"))).isFalse();
        assertThat(Tracing.wanted(Map.of("OTEL_SERVICE_NAME", "ratchet"))).isFalse();
        assertThat(Tracing.configure(Map.of())).isFalse();
        // off: spans are no-ops, and no trace context travels with jobs
        Tracing.inSpan("slack.event", SpanKind.CONSUMER, s -> {
            assertThat(s.getSpanContext().isValid()).isFalse();
            assertThat(Tracing.traceparent()).isEmpty();
            return null;
        });
        assertThat(Tracing.wanted(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")))
                .isTrue();
        assertThat(Tracing.wanted(Map.of("OTEL_TRACES_EXPORTER", "otlp"))).isTrue();
    }

    @Test
    void with_an_endpoint_spans_reach_an_otlp_http_receiver() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
            assertThat(Tracing.configure(Map.of(
                            "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")))
                    .isTrue();
            Tracing.inSpan("slack.event", SpanKind.CONSUMER, s -> {
                assertThat(Tracing.traceparent())
                        .hasValueSatisfying(t -> assertThat(t).startsWith("00-"));
                return null;
            });
            // a second Ratchet in this JVM shares the SDK: the first to stop leaves it on for the other
            assertThat(Tracing.configure(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)))
                    .isTrue();
            Tracing.shutdown();
            Tracing.inSpan("after-one-stopped", SpanKind.INTERNAL, s -> {
                assertThat(s.getSpanContext().isValid()).isTrue();
                return null;
            });
            Tracing.shutdown(); // the last one: flushes
            assertThat(String.join("\n", received))
                    .startsWith("application/x-protobuf ")
                    .contains("slack.event", "after-one-stopped", "ratchet");
        } finally {
            Tracing.shutdown();
            receiver.stop(0);
        }
    }

    private static SpanData one(List<SpanData> spans, String name) {
        List<SpanData> named =
                spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named)
                .as(name + " in " + spans.stream().map(SpanData::getName).toList())
                .hasSize(1);
        return named.get(0);
    }

    private static List<String> names(InMemorySpanExporter spans) {
        return spans.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }
}
