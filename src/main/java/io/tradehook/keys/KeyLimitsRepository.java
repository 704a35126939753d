package io.tradehook.keys;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/**
 * A key's limits in {@code webhook_key_restriction}, as its owner reads and sets them. Writing a row changes the key
 * on every instance at once (the table's trigger notifies their key caches).
 */
public final class KeyLimitsRepository {

    /** The columns {@link #read} needs, for a select joined on the key ({@code r} the restriction's alias). */
    static final String COLUMNS = """
            r.key_id is not null as restricted, r.allowed_accounts, r.allowed_actions, r.max_qty, r.allowed_sources,
            r.max_orders_per_day, r.trading_days, r.trading_from, r.trading_to, r.trading_zone""";

    private final DataSource dataSource;

    public KeyLimitsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The limits of the user's key ({@link KeyLimits#NONE} when none is set); empty when it is not the user's. */
    public Optional<KeyLimits> find(long userId, long keyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select " + COLUMNS + """
                       from webhook_key k left join webhook_key_restriction r on r.key_id = k.id
                      where k.id = ? and k.user_id = ? and k.deleted_at is null""")) {
            select.setLong(1, keyId);
            select.setLong(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Optional.ofNullable(read(rs)).orElse(KeyLimits.NONE)) : Optional.empty();
            }
        }
    }

    /** Replaces the limits of the user's key (no limit at all: the row goes); false when it is not the user's. */
    public boolean save(long userId, long keyId, KeyLimits limits) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!ownsKey(c, userId, keyId)) {
                    c.rollback();
                    return false;
                }
                if (limits.none()) {
                    try (PreparedStatement delete = c.prepareStatement(
                            "delete from webhook_key_restriction where key_id = ?")) {
                        delete.setLong(1, keyId);
                        delete.executeUpdate();
                    }
                } else {
                    upsert(c, keyId, limits);
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean ownsKey(Connection c, long userId, long keyId) throws SQLException {
        // locks the key row: two saves of one key apply one after the other
        try (PreparedStatement select = c.prepareStatement(
                "select 1 from webhook_key where id = ? and user_id = ? and deleted_at is null for update")) {
            select.setLong(1, keyId);
            select.setLong(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void upsert(Connection c, long keyId, KeyLimits limits) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                insert into webhook_key_restriction (key_id, allowed_accounts, allowed_actions, max_qty, allowed_sources,
                                                     max_orders_per_day, trading_days, trading_from, trading_to,
                                                     trading_zone)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (key_id) do update
                   set allowed_accounts = excluded.allowed_accounts, allowed_actions = excluded.allowed_actions,
                       max_qty = excluded.max_qty, allowed_sources = excluded.allowed_sources,
                       max_orders_per_day = excluded.max_orders_per_day, trading_days = excluded.trading_days,
                       trading_from = excluded.trading_from, trading_to = excluded.trading_to,
                       trading_zone = excluded.trading_zone""")) {
            TradingWindow window = limits.window();
            upsert.setLong(1, keyId);
            upsert.setArray(2, texts(c, limits.accounts()));
            upsert.setArray(3, texts(c, limits.actions()));
            upsert.setBigDecimal(4, limits.maxQty());
            upsert.setArray(5, texts(c, limits.sources()));
            upsert.setObject(6, limits.ordersPerDay(), Types.INTEGER);
            upsert.setArray(7, window == null ? null : texts(c, window.days().stream().sorted().map(KeyLimitsRepository::dayName).toList()));
            upsert.setTime(8, window == null ? null : Time.valueOf(window.from()));
            upsert.setTime(9, window == null ? null : Time.valueOf(window.to()));
            upsert.setString(10, window == null ? null : window.zone().getId());
            upsert.executeUpdate();
        }
    }

    /** The limits in a row selected with {@link #COLUMNS}; null when the key has no row. */
    static KeyLimits read(ResultSet rs) throws SQLException {
        if (!rs.getBoolean("restricted")) {
            return null;
        }
        TradingWindow window = null;
        List<String> days = texts(rs.getArray("trading_days"));
        if (days != null) {
            Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            days.forEach(day -> set.add(day(day)));
            window = new TradingWindow(set, rs.getTime("trading_from").toLocalTime(),
                    rs.getTime("trading_to").toLocalTime(), ZoneId.of(rs.getString("trading_zone")));
        }
        int perDayValue = rs.getInt("max_orders_per_day");
        Integer perDay = rs.wasNull() ? null : perDayValue;
        return new KeyLimits(texts(rs.getArray("allowed_accounts")), texts(rs.getArray("allowed_actions")),
                rs.getBigDecimal("max_qty"), texts(rs.getArray("allowed_sources")), perDay,
                window);
    }

    /** {@code MON} .. {@code SUN}, as the table and the API spell days. */
    public static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    }

    /** The day a {@link #dayName} names; IllegalArgumentException for anything else. */
    public static DayOfWeek day(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (dayName(day).equals(name)) {
                return day;
            }
        }
        throw new IllegalArgumentException("not a day: " + name);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return values == null ? null : c.createArrayOf("text", values.toArray());
    }
}
