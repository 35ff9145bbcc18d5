package com.example.ratchet.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An on-call rotation: people take shifts of equal length in turn, the first shift starting at {@code start}.
 *
 * @param people Slack user ids in rotation order; not empty
 * @param start  when the first person's first shift began
 * @param shift  how long each shift lasts
 */
record Rotation(List<String> people, Instant start, Duration shift) {

    Rotation {
        if (people.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs at least one person");
        }
        if (shift.isZero() || shift.isNegative()) {
            throw new IllegalArgumentException("a shift must last longer than zero");
        }
        people = List.copyOf(people);
    }

    /**
     * One shift.
     *
     * @param user  who is on call
     * @param from  when the shift began
     * @param until when it ends, and {@code next} takes over
     * @param next  who is on call after
     */
    record Shift(String user, Instant from, Instant until, String next) {

        Map<String, Object> toMap() {
            return Map.of("user", user, "from", from.toString(), "until", until.toString(), "next", next);
        }
    }

    /** The shift that covers {@code at}; before {@code start}, the rotation runs backwards in the same order. */
    Shift at(Instant at) {
        long index = Math.floorDiv(Duration.between(start, at).toMillis(), shift.toMillis());
        Instant from = start.plus(shift.multipliedBy(index));
        int n = people.size();
        return new Shift(people.get((int) Math.floorMod(index, n)), from, from.plus(shift), people.get((int) Math.floorMod(index + 1, n)));
    }
}
