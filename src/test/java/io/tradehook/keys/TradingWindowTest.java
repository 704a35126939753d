package io.tradehook.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** When a key's trading window is open: days and times in its time zone, overnight windows included. */
class TradingWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final TradingWindow WEEKDAYS = new TradingWindow(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 30), LocalTime.of(16, 0), NEW_YORK);
    /** Monday 22:00 to Tuesday 06:00, UTC. */
    private static final TradingWindow MONDAY_NIGHT = new TradingWindow(Set.of(DayOfWeek.MONDAY),
            LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC"));

    @Test
    void a_weekday_window_is_open_from_its_start_up_to_but_not_at_its_end_in_its_own_time_zone() {
        // 2026-12-07 is a Monday; New York is UTC-5 in December
        assertThat(WEEKDAYS.contains(Instant.parse("2026-12-07T14:29:59Z"))).isFalse();
        assertThat(WEEKDAYS.contains(Instant.parse("2026-12-07T14:30:00Z"))).isTrue();
        assertThat(WEEKDAYS.contains(Instant.parse("2026-12-07T20:59:59Z"))).isTrue();
        assertThat(WEEKDAYS.contains(Instant.parse("2026-12-07T21:00:00Z"))).isFalse();
    }

    @Test
    void a_weekday_window_is_closed_at_the_weekend() {
        assertThat(WEEKDAYS.contains(Instant.parse("2026-12-12T15:00:00Z"))).as("Saturday").isFalse();
        assertThat(WEEKDAYS.contains(Instant.parse("2026-12-13T15:00:00Z"))).as("Sunday").isFalse();
    }

    @Test
    void an_overnight_window_runs_into_the_next_morning_of_the_day_it_starts_on() {
        assertThat(MONDAY_NIGHT.contains(Instant.parse("2026-12-07T21:59:00Z"))).as("Monday before").isFalse();
        assertThat(MONDAY_NIGHT.contains(Instant.parse("2026-12-07T23:00:00Z"))).as("Monday night").isTrue();
        assertThat(MONDAY_NIGHT.contains(Instant.parse("2026-12-08T05:59:00Z"))).as("Tuesday morning").isTrue();
        assertThat(MONDAY_NIGHT.contains(Instant.parse("2026-12-08T06:00:00Z"))).as("Tuesday at the end").isFalse();
        assertThat(MONDAY_NIGHT.contains(Instant.parse("2026-12-08T23:00:00Z"))).as("Tuesday night").isFalse();
        assertThat(MONDAY_NIGHT.contains(Instant.parse("2026-12-07T03:00:00Z"))).as("Monday morning").isFalse();
    }
}
