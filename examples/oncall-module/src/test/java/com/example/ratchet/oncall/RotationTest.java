package com.example.ratchet.oncall;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotationTest {

    final Rotation weekly = new Rotation(List.of("U0ALICE01", "U0BOB0001", "U0CAROL01"), Instant.parse("2024-01-01T09:00:00Z"), Duration.ofDays(7));

    @Test
    void each_person_takes_a_shift_in_turn_and_the_first_comes_back_after_the_last() {
        assertThat(weekly.at(Instant.parse("2024-01-01T09:00:00Z")).user()).isEqualTo("U0ALICE01");
        assertThat(weekly.at(Instant.parse("2024-01-08T08:59:59Z")).user()).isEqualTo("U0ALICE01");
        assertThat(weekly.at(Instant.parse("2024-01-08T09:00:00Z"))).isEqualTo(new Rotation.Shift("U0BOB0001",
                Instant.parse("2024-01-08T09:00:00Z"), Instant.parse("2024-01-15T09:00:00Z"), "U0CAROL01"));
        assertThat(weekly.at(Instant.parse("2024-01-16T00:00:00Z")).next()).isEqualTo("U0ALICE01");
        assertThat(weekly.at(Instant.parse("2024-01-22T09:00:00Z")).user()).isEqualTo("U0ALICE01");
    }

    @Test
    void before_the_start_the_rotation_runs_backwards() {
        assertThat(weekly.at(Instant.parse("2023-12-31T00:00:00Z")).user()).isEqualTo("U0CAROL01");
        assertThat(weekly.at(Instant.parse("2023-12-31T00:00:00Z")).until()).isEqualTo(Instant.parse("2024-01-01T09:00:00Z"));
    }

    @Test
    void an_empty_rotation_is_refused() {
        assertThatThrownBy(() -> new Rotation(List.of(), Instant.EPOCH, Duration.ofDays(1))).hasMessageContaining("at least one person");
    }
}
