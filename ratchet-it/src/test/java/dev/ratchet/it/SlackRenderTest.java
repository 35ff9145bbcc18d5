package dev.ratchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.core.Ratchet;
import dev.ratchet.core.modules.ModuleRegistry;
import dev.ratchet.spi.ModuleContext;
import dev.ratchet.spi.RatchetModule;
import dev.ratchet.spi.SlackService;
import dev.ratchet.testkit.RatchetDatabaseExtension;
import dev.ratchet.testkit.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slack's markup as people read it: {@code SlackDirectory.render}, what modules get from {@code ctx.slack().readable},
 * and the SPI's default for a {@code SlackService} written against 0.1, which knows no names.
 */
@ExtendWith(RatchetDatabaseExtension.class)
class SlackRenderTest {

    static Ratchet ratchet;
    static SlackService moduleSlack;

    static final class Reader implements RatchetModule {
        @Override
        public String id() {
            return "reader";
        }

        @Override
        public void start(ModuleContext ctx) {
            moduleSlack = ctx.slack();
        }
    }

    @BeforeAll
    static void start(TestDatabase db) {
        ratchet = Ratchet.start(
                db.config(Map.of()),
                ModuleRegistry.of(List.of(new Reader())).enable(List.of("reader"), List.of()),
                Clock.systemUTC());
        ratchet.storage().transaction(() -> {
            ratchet.directory()
                    .upsertUser(
                            "T1",
                            Map.of(
                                    "id",
                                    "U1",
                                    "name",
                                    "alice",
                                    "real_name",
                                    "Alice Smith",
                                    "profile",
                                    Map.of("display_name", "", "real_name", "Alice Smith")));
            ratchet.directory().rememberBot("T1", "B1", "Alertmanager");
            ratchet.directory().upsertChannel("T1", "C-OPS", Map.of("name", "team-ops"));
            return null;
        });
    }

    @AfterAll
    static void stop() {
        ratchet.close();
    }

    String render(String text) {
        return ratchet.directory().render(text);
    }

    @Test
    void user_and_bot_mentions_become_names() {
        assertThat(render("<@U1> can you check? cc <@B1>")).isEqualTo("@Alice Smith can you check? cc @Alertmanager");
        assertThat(render("<@U1|alice> ack, <@U1|@alice> too")).isEqualTo("@alice ack, @alice too");
        assertThat(render("<@U-NOBODY> left")).isEqualTo("@U-NOBODY left");
    }

    @Test
    void channels_groups_and_links_become_readable() {
        assertThat(render("see <#C1|team-ops> <#C-OPS> <!here> <!channel|channel> <!subteam^S1|@oncall> <!subteam^S2>"))
                .isEqualTo("see #team-ops #team-ops @here @channel @oncall @S2");
        assertThat(
                        render(
                                "<https://grafana/d/1|the dashboard> <https://x.y> <https://x.y|https://x.y> <mailto:ops@x.y|ops@x.y>"))
                .isEqualTo("the dashboard (https://grafana/d/1) https://x.y https://x.y ops@x.y");
    }

    @Test
    void dates_show_their_fallback_or_the_time() {
        assertThat(render("since <!date^1392734382^{date_pretty} at {time}|Feb 18, 2014 6:39 AM PST>"))
                .isEqualTo("since Feb 18, 2014 6:39 AM PST");
        assertThat(render("since <!date^1392734382^{date}>")).isEqualTo("since 2014-02-18T14:39:42Z");
    }

    @Test
    void slack_entities_become_the_characters_people_typed_once() {
        assertThat(render("latency &gt; 2s &amp; errors &lt; 1%")).isEqualTo("latency > 2s & errors < 1%");
        assertThat(render("the text &amp;lt;b&amp;gt; was typed")).isEqualTo("the text &lt;b&gt; was typed");
        assertThat(render("<https://x.y/?a=1&amp;b=2|a &amp; b>")).isEqualTo("a & b (https://x.y/?a=1&b=2)");
    }

    @Test
    void text_without_markup_is_unchanged() {
        assertThat(render("p99 > 2s & rising")).isEqualTo("p99 > 2s & rising");
        assertThat(render(null)).isEmpty();
    }

    @Test
    void modules_get_the_directorys_rendering() {
        assertThat(moduleSlack.readable("<@U1> see <#C-OPS> &amp; <!subteam^S1|@oncall>"))
                .isEqualTo("@Alice Smith see #team-ops & @oncall");
    }

    @Test
    void an_implementation_written_against_the_first_spi_reads_markup_without_names() {
        SlackService old = new SlackService() {
            @Override
            public PostedMessage post(String postKey, Post post) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String permalink(String channelId, String ts) {
                return "";
            }

            @Override
            public String displayName(String userOrBotId) {
                return "never asked";
            }

            @Override
            public Optional<String> userIdByEmail(String email) {
                return Optional.empty();
            }

            @Override
            public BotIdentity bot() {
                return new BotIdentity("T1", "U-BOT", "B-BOT", "ratchet");
            }
        };
        assertThat(old.readable("<@U1> and <@U1|alice>: <#C-OPS> <#C2|ops> <!here> <https://x|graph> &lt;3 &amp; more"))
                .isEqualTo("@U1 and @alice: #C-OPS #ops @here graph (https://x) <3 & more");
    }
}
