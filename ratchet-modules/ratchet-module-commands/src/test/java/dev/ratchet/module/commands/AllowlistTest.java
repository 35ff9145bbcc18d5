package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowlistTest {

    @Test
    void no_entries_allow_every_tool_everywhere() {
        assertThat(Allowlist.parse(List.of()).allows("C1", "anything")).isTrue();
    }

    @Test
    void a_channels_own_entry_wins_over_the_star_entry() {
        Allowlist allow = Allowlist.parse(List.of("C0123=search_messages|channel_report", "*=*"));
        assertThat(allow.allows("C0123", "search_messages")).isTrue();
        assertThat(allow.allows("C0123", "channel_report")).isTrue();
        assertThat(allow.allows("C0123", "post_channel_report")).isFalse();
        assertThat(allow.allows("C0999", "post_channel_report")).isTrue();
    }

    @Test
    void without_a_star_entry_other_channels_get_no_tools() {
        assertThat(Allowlist.parse(List.of("C0123=*")).allows("C0999", "search_messages"))
                .isFalse();
    }

    @Test
    void malformed_entries_are_refused() {
        assertThat(Allowlist.valid(List.of("C0123=search_messages", "*=*"))).isTrue();
        assertThat(Allowlist.valid(List.of("C0123"))).isFalse();
        assertThatThrownBy(() -> Allowlist.parse(List.of("C0123=Bad-Name"))).hasMessageContaining("C0123=Bad-Name");
    }
}
