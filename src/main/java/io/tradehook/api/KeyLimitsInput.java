package io.tradehook.api;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.keys.KeyLimits;
import io.tradehook.keys.KeyLimitsRepository;
import io.tradehook.keys.TradingWindow;
import io.tradehook.source.AddressBlock;
import io.tradehook.common.Rejection;

/**
 * Reads the body of {@code PUT /api/keys/{id}/limits}: every field optional, null or absent meaning "no limit of that
 * kind"; anything malformed is a 400 naming the field.
 */
final class KeyLimitsInput {

    static final Set<String> FIELDS = Set.of("accounts", "actions", "maxQty", "sources", "ordersPerDay",
            "tradingWindow");
    private static final Set<String> WINDOW_FIELDS = Set.of("days", "from", "to", "timeZone");
    private static final Set<String> ACTIONS = Set.of("place", "modify", "cancel");
    private static final Set<String> PRESETS = Set.of("tradingview");
    private static final int MAX_ENTRIES = 50;
    private static final int MAX_ORDERS_PER_DAY = 1_000_000;

    private KeyLimitsInput() {
    }

    /** {@code accounts}: the caller's account names, which an allowed account must be one of. */
    static KeyLimits read(ObjectNode input, Collection<String> accounts) {
        List<String> allowedAccounts = texts(input, "accounts");
        if (allowedAccounts != null) {
            for (String account : allowedAccounts) {
                if (!accounts.contains(account)) {
                    throw Rejection.badRequest("accounts: each must be one of your trading accounts");
                }
            }
        }
        List<String> actions = texts(input, "actions");
        if (actions != null) {
            actions = actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
            if (!ACTIONS.containsAll(actions)) {
                throw Rejection.badRequest("actions: each must be place, modify or cancel");
            }
        }
        List<String> sources = texts(input, "sources");
        if (sources != null) {
            sources = sources.stream().map(String::strip).toList();
            for (String source : sources) {
                if (!PRESETS.contains(source.toLowerCase(Locale.ROOT)) && AddressBlock.parse(source).isEmpty()) {
                    throw Rejection.badRequest("sources: each must be an IP address, a CIDR block such as "
                            + "10.0.0.0/8, or the preset tradingview");
                }
            }
        }
        return new KeyLimits(allowedAccounts, actions, maxQty(input), sources, ordersPerDay(input), window(input));
    }

    /** A list of distinct non-blank strings, at least one; null when absent or null. */
    private static List<String> texts(ObjectNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw Rejection.badRequest(field + " must be a list of strings, or null for no limit");
        }
        if (value.isEmpty()) {
            throw Rejection.badRequest(field + " must name at least one, or be null for no limit");
        }
        if (value.size() > MAX_ENTRIES) {
            throw Rejection.badRequest(field + ": at most " + MAX_ENTRIES + " entries");
        }
        Set<String> texts = new LinkedHashSet<>();
        for (JsonNode entry : value) {
            if (!entry.isTextual() || entry.asText().isBlank()) {
                throw Rejection.badRequest(field + " must be a list of non-empty strings");
            }
            texts.add(entry.asText());
        }
        return new ArrayList<>(texts);
    }

    private static BigDecimal maxQty(ObjectNode input) {
        JsonNode value = input.get("maxQty");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() <= 0) {
            throw Rejection.badRequest("maxQty must be a number above 0, or null for no limit");
        }
        return value.decimalValue();
    }

    private static Integer ordersPerDay(ObjectNode input) {
        JsonNode value = input.get("ordersPerDay");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_ORDERS_PER_DAY) {
            throw Rejection.badRequest("ordersPerDay must be a whole number from 1 to " + MAX_ORDERS_PER_DAY
                    + ", or null for no limit");
        }
        return value.asInt();
    }

    private static TradingWindow window(ObjectNode input) {
        JsonNode value = input.get("tradingWindow");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw Rejection.badRequest("tradingWindow must be an object {days, from, to, timeZone}, or null");
        }
        value.fieldNames().forEachRemaining(field -> {
            if (!WINDOW_FIELDS.contains(field)) {
                throw Rejection.badRequest("unknown field in tradingWindow; allowed: days, from, to, timeZone");
            }
        });
        ObjectNode window = (ObjectNode) value;
        List<String> dayNames = texts(window, "days");
        if (dayNames == null) {
            throw Rejection.badRequest("tradingWindow.days is required: MON, TUE, WED, THU, FRI, SAT, SUN");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : dayNames) {
            try {
                days.add(KeyLimitsRepository.day(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw Rejection.badRequest("tradingWindow.days: each must be MON, TUE, WED, THU, FRI, SAT or SUN");
            }
        }
        LocalTime from = time(window, "from");
        LocalTime to = time(window, "to");
        if (from.equals(to)) {
            throw Rejection.badRequest("tradingWindow: from and to must differ");
        }
        return new TradingWindow(days, from, to, zone(window));
    }

    private static LocalTime time(ObjectNode window, String field) {
        String text = ApiInput.text(window, field).orElseThrow(() -> Rejection.badRequest(
                "tradingWindow." + field + " is required, as HH:mm"));
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Rejection.badRequest("tradingWindow." + field + " must be a time of day as HH:mm, such as 09:30");
        }
    }

    private static ZoneId zone(ObjectNode window) {
        String text = ApiInput.text(window, "timeZone").orElseThrow(() -> Rejection.badRequest(
                "tradingWindow.timeZone is required, such as America/New_York or UTC"));
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw Rejection.badRequest("tradingWindow.timeZone must be a time zone such as America/New_York or UTC");
        }
    }
}
