package dev.ratchet.module.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MentionsTest {

    final Mentions mentions = new Mentions(id -> Map.of("U1", "Alice Smith", "B1", "Alertmanager").getOrDefault(id, id));

    @Test
    void user_and_bot_mentions_become_names() {
        assertThat(mentions.render("<@U1> can you check? cc <@B1>")).isEqualTo("@Alice Smith can you check? cc @Alertmanager");
        assertThat(mentions.render("<@U1|alice> ack")).isEqualTo("@alice ack");
    }

    @Test
    void channels_groups_and_links_become_readable() {
        assertThat(mentions.render("see <#C1|team-ops> <!here> <!subteam^S1|@oncall> <https://grafana/d/1|the dashboard> <https://x.y>"))
                .isEqualTo("see #team-ops @here @oncall the dashboard (https://grafana/d/1) https://x.y");
    }

    @Test
    void text_without_markup_is_unchanged() {
        assertThat(mentions.render("p99 > 2s & rising")).isEqualTo("p99 > 2s & rising");
        assertThat(mentions.render(null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void slack_entities_become_the_characters_people_typed() {
        Mentions mentions = new Mentions(id -> id);
        org.assertj.core.api.Assertions.assertThat(mentions.render("latency &gt; 2s &amp; errors &lt; 1%"))
                .isEqualTo("latency > 2s & errors < 1%");
    }
}
