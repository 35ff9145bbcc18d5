package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.core.storage.DirectoryRepository;
import dev.ratchet.core.storage.MessageRepository;
import dev.ratchet.spi.MessageService;
import dev.ratchet.spi.MessageService.Search;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quoting rule behind {@code MessageService.searchVisibleIn} and {@code visibleIn}: a channel sees its own messages
 * and public channels'; private channels, DMs, group DMs, legacy {@code G...} channels and unknown channels only
 * themselves; {@code search.quote-from=same-channel} narrows it to the channel itself.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class QuoteVisibilityTest {

    static final AtomicReference<ModuleContext> ctx = new AtomicReference<>();
    static TestDatabase database;
    static Ratchet ratchet;
    static final Instant NOW = Instant.now();

    /** Channel id to its {@code conversations.info} attributes as onboarding stores them; null: no channel row. */
    static final Map<String, Map<String, Object>> CHANNELS = new LinkedHashMap<>();

    static {
        CHANNELS.put("C0PUB1", Map.of("name", "ops", "is_private", false, "is_im", false, "is_mpim", false));
        CHANNELS.put("C0PUB2", Map.of("name", "db", "is_private", false));
        CHANNELS.put("C0PRIV1", Map.of("name", "sec", "is_private", true));
        CHANNELS.put("D0DM1", Map.of("is_private", false, "is_im", true));
        CHANNELS.put("C0MPIM1", Map.of("name", "mpdm-a--b", "is_private", false, "is_mpim", true));
        CHANNELS.put("G0LEGACY1", Map.of("name", "old-private", "is_private", false));
        CHANNELS.put("C0NOKIND1", Map.of("name", "renamed-only"));
        CHANNELS.put("C0UNKNOWN1", null);
        CHANNELS.put("D0UNKNOWN1", null);
    }

    static final class Reader implements RatchetModule {
        @Override
        public String id() {
            return "reader";
        }

        @Override
        public void start(ModuleContext context) {
            ctx.set(context);
        }
    }

    @BeforeAll
    static void start(TestDatabase db) {
        database = db;
        ratchet = Ratchet.start(
                db.config(Map.of("llm.url", "off")),
                ModuleRegistry.of(List.of(new Reader())).enable(List.of(), List.of()),
                Clock.systemUTC());
        MessageRepository repo = ratchet.storage().messages();
        DirectoryRepository directory = ratchet.storage().directory();
        ratchet.storage().transaction(() -> {
            int i = 0;
            for (Map.Entry<String, Map<String, Object>> c : CHANNELS.entrySet()) {
                if (c.getValue() != null) {
                    directory.upsertChannel("T1", c.getKey(), c.getValue());
                }
                repo.upsert(
                        "T1",
                        c.getKey(),
                        (NOW.getEpochSecond() - 600 + i++) + ".000000",
                        null,
                        Map.of("text", "db-1 disk full, noted in " + c.getKey(), "user", "U1"));
            }
            return null;
        });
    }

    @AfterAll
    static void stop() {
        if (ratchet != null) {
            ratchet.close();
        }
    }

    static Search search() {
        return new Search(
                "db-1 disk full", null, List.of(), NOW.minus(Duration.ofHours(1)), NOW.plusSeconds(60), 50, false);
    }

    static List<String> channels(List<MessageService.SearchHit> hits) {
        return hits.stream().map(h -> h.message().channelId()).sorted().toList();
    }

    @Test
    void a_channel_sees_its_own_and_public_channels_messages_only() {
        MessageService messages = ctx.get().messages();
        assertThat(channels(messages.search(search()))).hasSize(CHANNELS.size()); // unrestricted: the operator's
        assertThat(channels(messages.searchVisibleIn("C0PUB1", search()))).containsExactly("C0PUB1", "C0PUB2");
        for (String hidden :
                List.of("C0PRIV1", "D0DM1", "C0MPIM1", "G0LEGACY1", "C0NOKIND1", "C0UNKNOWN1", "D0UNKNOWN1")) {
            assertThat(channels(messages.searchVisibleIn(hidden, search())))
                    .as("searching for " + hidden)
                    .containsExactly(List.of("C0PUB1", "C0PUB2", hidden).stream()
                            .sorted()
                            .toArray(String[]::new));
            assertThat(messages.visibleIn(hidden, "C0PUB1"))
                    .as(hidden + " into a public channel")
                    .isFalse();
            assertThat(messages.visibleIn(hidden, hidden))
                    .as(hidden + " into itself")
                    .isTrue();
        }
        assertThat(messages.visibleIn("C0PUB2", "C0PUB1")).isTrue();
        assertThat(messages.visibleIn("C0PUB2", "D0DM1")).isTrue();
        // a channel filter still applies: naming a private channel from a public one finds nothing
        Search named = new Search(
                "db-1 disk full",
                null,
                List.of("C0PRIV1"),
                NOW.minus(Duration.ofHours(1)),
                NOW.plusSeconds(60),
                50,
                false);
        assertThat(messages.searchVisibleIn("C0PUB1", named)).isEmpty();
    }

    @Test
    void quote_from_same_channel_narrows_it_to_the_channel_itself() {
        AtomicReference<ModuleContext> narrowed = new AtomicReference<>();
        RatchetModule reader = new RatchetModule() {
            @Override
            public String id() {
                return "reader";
            }

            @Override
            public void start(ModuleContext context) {
                narrowed.set(context);
            }
        };
        try (Ratchet strict = Ratchet.start(
                database.config(Map.of("llm.url", "off", "search.quote-from", "same-channel")),
                ModuleRegistry.of(List.of(reader)).enable(List.of(), List.of()),
                Clock.systemUTC())) {
            MessageService messages = narrowed.get().messages();
            assertThat(channels(messages.searchVisibleIn("C0PUB1", search()))).containsExactly("C0PUB1");
            assertThat(channels(messages.searchVisibleIn("C0PRIV1", search()))).containsExactly("C0PRIV1");
            assertThat(messages.visibleIn("C0PUB2", "C0PUB1")).isFalse();
            assertThat(messages.visibleIn("C0PUB1", "C0PUB1")).isTrue();
        }
    }
}
