package dev.ratchet.module.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.spi.ConfigOption;
import dev.ratchet.spi.RatchetModule;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CommandsModuleDiscoveryTest {

    @Test
    void the_module_is_found_by_the_service_loader_under_the_id_commands_with_described_options() {
        assertThat(ServiceLoader.load(RatchetModule.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(m -> {
                    assertThat(m).isInstanceOf(CommandsModule.class);
                    assertThat(m.id()).isEqualTo("commands");
                    assertThat(m.configOptions())
                            .extracting(ConfigOption::key)
                            .containsExactly(
                                    "max-rounds",
                                    "confirm-timeout",
                                    "allow",
                                    "match-threshold",
                                    "mcp-servers",
                                    "mcp-timeout",
                                    "mcp-reconnect-interval");
                    assertThat(m.configOptions())
                            .allSatisfy(o -> assertThat(o.description()).isNotBlank());
                });
    }

    @Test
    void option_values_are_checked_before_start() {
        assertThat(CommandsModule.ALLOW.parse("C0123=search_messages|channel_report,*=*"))
                .hasSize(2);
        assertThatThrownBy(() -> CommandsModule.ALLOW.parse("C0123")).hasMessageContaining("C0123ABC=search_messages");
        assertThat(CommandsModule.MATCH_THRESHOLD.parse("0.7")).isEqualTo(0.7);
        assertThatThrownBy(() -> CommandsModule.MATCH_THRESHOLD.parse("high")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> CommandsModule.MAX_ROUNDS.parse("11")).hasMessageContaining("between 1 and 10");
        assertThatThrownBy(() -> CommandsModule.MCP_TIMEOUT.parse("0s")).hasMessageContaining("longer than zero");
    }
}
