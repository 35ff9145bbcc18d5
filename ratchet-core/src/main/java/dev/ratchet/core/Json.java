package dev.ratchet.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;

/**
 * The one Jackson configuration Ratchet uses: ISO timestamps, unknown fields tolerated, and no NUL in what it writes.
 *
 * <p>PostgreSQL refuses NUL in {@code jsonb} (its escape is an "unsupported Unicode escape sequence") and in
 * {@code text}, and a NUL can come from anywhere text does (a Slack message, a model's answer, a document), so this
 * writer replaces it with {@link #NUL_REPLACEMENT}: what Ratchet writes as JSON can always be stored. Text binds get
 * the same treatment in {@link dev.ratchet.core.storage.Database}.
 */
public final class Json {

    /** What a NUL character becomes in what Ratchet writes: U+FFFD, the replacement character. */
    public static final char NUL_REPLACEMENT = '\uFFFD';

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The escapes of what Ratchet writes: JSON's standard ones, and NUL as {@link #NUL_REPLACEMENT}. */
    private static final CharacterEscapes ESCAPES = new NulReplaced();

    static {
        MAPPER.getFactory().setCharacterEscapes(ESCAPES);
    }

    /** JSON's standard escapes, except NUL, which is written as {@link #NUL_REPLACEMENT}. */
    private static final class NulReplaced extends CharacterEscapes {
        private static final SerializableString REPLACEMENT = new SerializedString(String.valueOf(NUL_REPLACEMENT));
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        NulReplaced() {
            ascii[0] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0 ? REPLACEMENT : null;
        }
    }

    /** {@code text} with each NUL replaced by {@link #NUL_REPLACEMENT}; null stays null. */
    public static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', NUL_REPLACEMENT);
    }

    /** For {@code convertValue}/{@code readValue} into a map. */
    public static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {};

    /**
     * The JSON the project prints ({@code --json}) and serves (the API): {@link #MAPPER} with snake_case names for
     * records' and beans' fields ({@code never_acted_on}); the keys of maps, which are data (alert names, models), are
     * kept as they are.
     */
    public static final ObjectMapper OUTPUT =
            MAPPER.copy().setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private Json() {}

    /** {@code value} as the project prints and serves JSON (see {@link #OUTPUT}). */
    public static String writeOutput(Object value) {
        try {
            return OUTPUT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code value} written by another library's {@code mapper} (its own serializers: openai-java's request and
     * response models), with this writer's escapes, so NUL is {@link #NUL_REPLACEMENT} as in {@link #write}: the text
     * {@link #write} gives for that mapper's output read back as a tree, in one pass instead of three (write, parse,
     * write again).
     */
    public static String writeWith(ObjectMapper mapper, Object value) throws JsonProcessingException {
        return mapper.writer().with(ESCAPES).writeValueAsString(value);
    }

    /**
     * JSON text already written (by {@link #write} or {@link #writeWith}), passed where a value to write is taken
     * ({@link dev.ratchet.core.llm.LlmCallLog.Call}'s request and response) so that it is not written again.
     */
    public record Written(String json) {
        public Written {
            java.util.Objects.requireNonNull(json, "json");
        }
    }

    /** {@code value} as {@link #write} writes it, or a {@link Written}'s text as it is. */
    public static String writeOnce(Object value) {
        return value instanceof Written w ? w.json() : write(value);
    }

    public static Map<String, Object> readMap(String json) {
        try {
            return json == null ? Map.of() : MAPPER.readValue(json, MAP_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
