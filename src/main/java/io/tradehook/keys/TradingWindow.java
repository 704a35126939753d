package io.tradehook.keys;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a key may trade: on these days, from {@code from} to {@code to} (exclusive) in {@code zone}. A window whose end
 * comes before its start runs overnight: Monday 22:00-06:00 ends on Tuesday morning.
 */
public record TradingWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    public TradingWindow {
        days = Set.copyOf(days);
    }

    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (!from.isAfter(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // overnight: the evening part belongs to today's window, the morning part to yesterday's
        return days.contains(day) && !time.isBefore(from) || days.contains(day.minus(1)) && time.isBefore(to);
    }
}
