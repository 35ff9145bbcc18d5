package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.spi.HttpMethod;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.kit.JsonText;
import dev.ratchet.testkit.TestBot;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A module jar compiled against the SPI of release 0.1.0 (ratchet-spi/compat/ratchet-spi-0.1.0.jar), loaded the way
 * {@code --plugins DIR} loads it into the current Ratchet, still starts and works: its handler, tool and route. The
 * jar is the example module compiled against that SPI jar alone by ratchet-spi/compat/update-baseline.sh; japicmp
 * checks the rest of the SPI's binary compatibility at build time.
 */
class SpiCompatibilityTest {

    static final String ALICE = "U0ALICE01";
    static final String BOB = "U0BOB0001";

    static Path jar;
    static TestBot bot;

    @BeforeAll
    static void start() throws URISyntaxException {
        URL fixture = SpiCompatibilityTest.class.getResource("/compat/oncall-module-spi-0.1.0.jar");
        assertThat(fixture)
                .as("the module jar built against SPI 0.1.0 (run ratchet-spi/compat/update-baseline.sh)")
                .isNotNull();
        jar = Path.of(fixture.toURI());
        bot = TestBot.builder()
                .plugin(jar)
                .set("oncall.rotation", ALICE + "," + BOB)
                .clock(Clock.fixed(Instant.parse("2024-01-03T10:00:00Z"), ZoneOffset.UTC))
                .start();
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void the_old_jar_carries_only_its_own_classes_so_it_links_against_the_current_spi() throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> entries = Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .toList();
            assertThat(entries)
                    .contains(
                            "com/example/ratchet/oncall/OncallModule.class",
                            "META-INF/services/dev.ratchet.spi.RatchetModule")
                    .noneMatch(e -> e.startsWith("dev/ratchet/"));
        }
        RatchetModule module = bot.modules().get(0);
        assertThat(module.id()).isEqualTo("oncall");
        assertThat(module.version()).isEqualTo("1.0.0-spi-0.1.0");
        assertThat(module.getClass().getClassLoader().getName()).isEqualTo("plugin:oncall-module-spi-0.1.0.jar");
        assertThat(RatchetModule.class.getClassLoader())
                .isNotSameAs(module.getClass().getClassLoader());
    }

    @Test
    void its_handler_answers_in_the_thread() {
        TestBot.Sent question = bot.say("who is on call today?");

        assertThat(bot.awaitReply(question))
                .isEqualTo("<@" + ALICE + "> is on call until Mon 8 Jan 09:00 UTC; next is <@" + BOB + ">.");
    }

    @Test
    void its_tool_and_route_answer() throws Exception {
        assertThat(bot.callTool("who_is_on_call", "{\"at\": \"2024-01-09T00:00:00Z\"}"))
                .extracting("user")
                .isEqualTo(BOB);

        TestBot.RouteAnswer current = bot.route(HttpMethod.GET, "/api/modules/oncall/current");
        assertThat(current.status()).isEqualTo(200);
        assertThat(JsonText.parseObject(current.json()))
                .containsEntry("user", ALICE)
                .containsKeys("from", "until", "next");
    }
}
