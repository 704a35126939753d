package io.tradehook.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.common.Json;

/** The caller's webhook requests, from the {@code webhook_request} record, newest first, filtered and paged. */
final class RequestHistory {

    /** What may narrow the list; null means no filter. */
    record Filter(Long keyId, String action, Integer status, Instant from, Instant to) {
    }

    record Entry(long id, Instant receivedAt, Long keyId, String keyName, String apiKey, String action,
                 String accountName, int status, String outcome, String errmsg, String orderId, int latencyMs) {
    }

    record Page(List<Entry> items, int limit, int offset, boolean hasMore) {
    }

    /**
     * One request in full: its history entry, the source address, and what it carried ({@code body}, the
     * {@code order} once checked, the {@code brokerAnswer}, {@code stagesMs}); null parts were not reached.
     */
    record Detail(long id, Instant receivedAt, Long keyId, String keyName, String apiKey, String action,
                  String accountName, int status, String outcome, String errmsg, String orderId, int latencyMs,
                  String sourceAddress, String body, JsonNode order, JsonNode brokerAnswer, JsonNode stagesMs) {
    }

    private static final String SELECT_ONE = """
            select r.id, r.received_at, r.key_id, k.name as key_name, r.api_key, r.action, r.account_name, r.status,
                   r.outcome, r.errmsg, r.order_id, r.latency_ms, r.source_address, r.detail
              from webhook_request r left join webhook_key k on k.id = r.key_id
             where r.id = ? and r.user_id = ?""";

    private static final String SELECT = """
            select r.id, r.received_at, r.key_id, k.name as key_name, r.api_key, r.action, r.account_name, r.status,
                   r.outcome, r.errmsg, r.order_id, r.latency_ms
              from webhook_request r left join webhook_key k on k.id = r.key_id
             where r.user_id = ?
               and (?::bigint is null or r.key_id = ?::bigint)
               and (?::text is null or r.action = ?::text)
               and (?::int is null or r.status = ?::int)
               and (?::timestamptz is null or r.received_at >= ?::timestamptz)
               and (?::timestamptz is null or r.received_at < ?::timestamptz)
             order by r.received_at desc, r.id desc
             limit ? offset ?""";

    private final DataSource dataSource;

    RequestHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Page find(long userId, Filter filter, int limit, int offset) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT)) {
            int i = 1;
            select.setLong(i++, userId);
            for (Object value : new Object[] {filter.keyId(), filter.action(), filter.status(),
                    timestamp(filter.from()), timestamp(filter.to())}) {
                bind(select, i++, value);
                bind(select, i++, value);
            }
            // one row more than asked tells whether another page exists
            select.setInt(i++, limit + 1);
            select.setInt(i, offset);
            try (ResultSet rs = select.executeQuery()) {
                List<Entry> items = new ArrayList<>();
                while (rs.next()) {
                    items.add(entry(rs));
                }
                boolean hasMore = items.size() > limit;
                return new Page(hasMore ? items.subList(0, limit) : items, limit, offset, hasMore);
            }
        }
    }

    /** The user's request with this id; empty when there is none (or it is another user's, or purged). */
    Optional<Detail> detail(long userId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_ONE)) {
            select.setLong(1, id);
            select.setLong(2, userId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Entry e = entry(rs);
                String stored = rs.getString("detail");
                JsonNode detail = stored == null ? Json.MAPPER.createObjectNode() : Json.tree(stored);
                return Optional.of(new Detail(e.id(), e.receivedAt(), e.keyId(), e.keyName(), e.apiKey(), e.action(),
                        e.accountName(), e.status(), e.outcome(), e.errmsg(), e.orderId(), e.latencyMs(),
                        rs.getString("source_address"), detail.path("body").asText(null), part(detail, "order"),
                        part(detail, "brokerAnswer"), part(detail, "stagesMs")));
            }
        }
    }

    private static JsonNode part(JsonNode detail, String name) {
        JsonNode part = detail.get(name);
        return part == null || part.isNull() ? null : part;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Long keyId = rs.getObject("key_id", Long.class);
        return new Entry(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), keyId,
                rs.getString("key_name"), rs.getString("api_key"), rs.getString("action"),
                rs.getString("account_name"), rs.getInt("status"), rs.getString("outcome"), rs.getString("errmsg"),
                rs.getString("order_id"), rs.getInt("latency_ms"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The statement casts every parameter, so a null can go as an untyped text null. */
    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setObject(index, value);
        }
    }
}
