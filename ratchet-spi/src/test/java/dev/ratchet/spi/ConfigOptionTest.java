package dev.ratchet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigOptionTest {

    @Test
    void durations_accept_units_and_iso_8601() {
        ConfigOption<Duration> d = ConfigOption.duration("wait", null);
        assertThat(d.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(d.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(d.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> d.parse("soon")).hasMessageContaining("'soon'").hasMessageContaining("a duration");
    }

    @Test
    void booleans_lists_and_choices_parse() {
        assertThat(ConfigOption.bool("on", false).parse("yes")).isTrue();
        assertThat(ConfigOption.list("channels", List.of()).parse(" a, b ,,c")).containsExactly("a", "b", "c");
        assertThat(ConfigOption.oneOf("format", "text", "text", "json").parse("JSON"))
                .isEqualTo("json");
        assertThatThrownBy(() ->
                        ConfigOption.oneOf("format", "text", "text", "json").parse("xml"))
                .hasMessageContaining("one of text, json");
    }

    @Test
    void keys_must_be_kebab_case() {
        assertThatThrownBy(() -> ConfigOption.string("maxThreads", null)).hasMessageContaining("kebab-case");
        assertThat(ConfigOption.string("monitor.file-path", null).key()).isEqualTo("monitor.file-path");
    }

    @Test
    void extra_checks_say_what_is_required() {
        ConfigOption<String> url =
                ConfigOption.string("url", null).validatedBy(s -> s.startsWith("https://"), "an https:// URL");
        assertThatThrownBy(() -> url.parse("http://x")).hasMessageContaining("an https:// URL");
    }

    @Test
    void decimals_parse_within_their_range_and_may_take_a_word() {
        ConfigOption<Double> threshold = ConfigOption.decimal("match-threshold", 0.7, 0, 1);
        assertThat(threshold.parse(" 0.25 ")).isEqualTo(0.25);
        assertThat(threshold.type()).isEqualTo("a number between 0 and 1");
        assertThatThrownBy(() -> threshold.parse("high"))
                .hasMessageContaining("'high' is not a number")
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> threshold.parse("1.5"))
                .hasMessageContaining("out of range")
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> threshold.parse("NaN")).hasMessageContaining("out of range");

        ConfigOption<Double> distance = ConfigOption.decimal("max-distance", 0.35, 0, 2)
                .validatedBy(d -> d > 0, "above 0")
                .orWord("off", 2.0);
        assertThat(distance.parse("OFF")).isEqualTo(2.0);
        assertThat(distance.parse("0.4")).isEqualTo(0.4);
        assertThatThrownBy(() -> distance.parse("0"))
                .hasMessageContaining("above 0")
                .hasMessageContaining("or off");
    }
}
