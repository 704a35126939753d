package io.tradehook.te;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.webhook.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * {@code symbol} (+ symbolType, contractMonth, strike, ISIN) → {@code tradableInstrumentId}, from
 * {@code GET /accounts/{accountId}/instruments}, kept per account for {@code tradehook.te.cache-ttl}. No match, or
 * several, is a 422 before anything is sent; a miss reloads the list once (the instrument may be new).
 */
final class TeInstruments {

    static final String UNKNOWN = "symbol: no instrument of that symbol (and symbolType, contractMonth, strike)"
            + " is tradable on this account at the broker";
    static final String AMBIGUOUS = "symbol: several instruments match - add symbolType, contractMonth"
            + " or strikePrice and strikeType";

    private record Snapshot(List<TeInstrument> instruments, long loadedAt) {
    }

    private final TeApi api;
    private final Duration ttl;
    private final Map<String, Snapshot> byAccount = new ConcurrentHashMap<>();

    TeInstruments(TeApi api, Duration ttl) {
        this.api = api;
        this.ttl = ttl;
    }

    public long resolve(@Body ObjectNode order, @Variable(TeBroker.ACCOUNT_ID) String accountId,
                        @Variable(TeBroker.DEADLINE) Deadline deadline) {
        Snapshot current = byAccount.get(accountId);
        List<TeInstrument> found = current == null || stale(current) ? null : matching(current, order);
        if (found == null || found.isEmpty()) {
            found = matching(reload(accountId, deadline), order);
        }
        if (found.isEmpty()) {
            throw Rejection.brokerRejected(UNKNOWN);
        }
        if (found.size() > 1) {
            throw Rejection.brokerRejected(AMBIGUOUS);
        }
        return found.get(0).tradableInstrumentId();
    }

    private static List<TeInstrument> matching(Snapshot snapshot, JsonNode order) {
        return snapshot.instruments.stream().filter(i -> i.matches(order)).toList();
    }

    private boolean stale(Snapshot s) {
        return System.currentTimeMillis() - s.loadedAt > ttl.toMillis();
    }

    private Snapshot reload(String accountId, Deadline deadline) {
        TeAnswer answer = api.call(TeCall.get("/accounts/" + TeBroker.pathSegment(accountId) + "/instruments"), deadline);
        List<TeInstrument> instruments = new ArrayList<>();
        for (JsonNode item : TeLists.items(answer, "instruments", "instruments")) {
            TeInstrument instrument = TeInstrument.of(item);
            if (instrument.tradableInstrumentId() > 0 && instrument.name() != null) {
                instruments.add(instrument);
            }
        }
        Snapshot snapshot = new Snapshot(List.copyOf(instruments), System.currentTimeMillis());
        byAccount.put(accountId, snapshot);
        return snapshot;
    }
}
