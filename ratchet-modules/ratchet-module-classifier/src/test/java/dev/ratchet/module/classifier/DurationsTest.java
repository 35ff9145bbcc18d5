package dev.ratchet.module.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void seconds_go_durations_words_and_clocks_are_read() {
        assertThat(Durations.parse("330")).contains(330L);
        assertThat(Durations.parse("5m30s")).contains(330L);
        assertThat(Durations.parse("1h2m3.5s")).contains(3724L);
        assertThat(Durations.parse("1500ms")).contains(2L);
        assertThat(Durations.parse("18 minutes")).contains(1080L);
        assertThat(Durations.parse("1 hour 5 mins")).contains(3900L);
        assertThat(Durations.parse("01:02:03")).contains(3723L);
        assertThat(Durations.parse("soon")).isEmpty();
    }

    @Test
    void binary_duration_is_a_go_duration_nanoseconds_as_a_number_or_a_go_text() {
        assertThat(Durations.ofGo(90_000_000_000L)).contains(90L);
        assertThat(Durations.ofGo(5_400_000_000_000L)).contains(5400L);
        assertThat(Durations.ofGo(90.4e9)).contains(90L);
        assertThat(Durations.ofGo("1h30m")).contains(5400L);
        assertThat(Durations.ofGo("90s")).contains(90L);
        assertThat(Durations.ofGo("1h2m3.5s")).contains(3724L);
        assertThat(Durations.ofGo("300ms")).contains(0L);
        assertThat(Durations.ofGo("2500ms")).contains(3L);
        assertThat(Durations.ofGo(-1L)).isEmpty();
        assertThat(Durations.ofGo(true)).isEmpty();
    }

    @Test
    void duration_stated_in_a_closing_message_is_found() {
        assertThat(Durations.statedIn("Incident closed: Apdex\nDuration: 18 minutes\nhttps://x"))
                .contains(1080L);
        assertThat(Durations.statedIn("Recovered after 5m30s")).contains(330L);
        assertThat(Durations.statedIn("Recovered: lag on #42")).isEmpty();
        assertThat(Durations.statedIn("closed after 3 attempts")).isEmpty();
    }
}
