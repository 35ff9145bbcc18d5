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
    void binary_duration_may_be_a_number_or_a_text() {
        assertThat(Durations.ofValue(90L)).contains(90L);
        assertThat(Durations.ofValue(90.4)).contains(90L);
        assertThat(Durations.ofValue("2m")).contains(120L);
        assertThat(Durations.ofValue(-1L)).isEmpty();
        assertThat(Durations.ofValue(true)).isEmpty();
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
