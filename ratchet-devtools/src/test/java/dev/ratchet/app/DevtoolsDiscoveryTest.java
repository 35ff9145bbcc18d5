package dev.ratchet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The devtools commands are found with ServiceLoader by the {@code ratchet} command as Main builds it. */
class DevtoolsDiscoveryTest {

    @Test
    void shell_and_bench_are_found_with_service_loader() {
        for (String command : List.of("shell", "bench", "bench reply")) {
            DevtoolsCli.Result r = DevtoolsCli.ratchet((command + " --help").split(" "));
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out())
                    .as(command)
                    .contains("Usage: ratchet " + command)
                    .doesNotContain("devtools jar set");
        }
    }
}
