package io.tradehook.te;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * {@code symbol} (+ symbolType, contractMonth, strike, ISIN) → {@code tradableInstrumentId}, from
 * {@code GET /accounts/{accountId}/instruments}, kept per account for {@code tradehook.te.cache-ttl} and refreshed
 * behind the orders after that ({@link TeCached}). No match, or several, is a 422 before anything is sent; a miss
 * reloads the list once (the instrument may be new).
 */
final class TeInstruments {

    static final String UNKNOWN = "symbol: no instrument of that symbol (and symbolType, contractMonth, strike)"
            + " is tradable on this account at the broker";
    static final String AMBIGUOUS = "symbol: several instruments match - add symbolType, contractMonth"
            + " or strikePrice and strikeType";

    private final TeApi api;
    private final Duration ttl;
    private final Executor background;
    private final Map<String, TeCached<List<TeInstrument>>> byAccount = new ConcurrentHashMap<>();

    TeInstruments(TeApi api, Duration ttl, Executor background) {
        this.api = api;
        this.ttl = ttl;
        this.background = background;
    }

    public long resolve(@Body ObjectNode order, @Variable(TeBroker.ACCOUNT_ID) String accountId,
                        @Variable(TeBroker.DEADLINE) Deadline deadline) {
        TeCached<List<TeInstrument>> instruments = byAccount.computeIfAbsent(accountId, id ->
                new TeCached<>("instruments", ttl, d -> read(id, d), background));
        List<TeInstrument> listed = instruments.get(deadline);
        List<TeInstrument> found = matching(listed, order);
        if (found.isEmpty()) {
            found = matching(instruments.reload(deadline, listed), order);
        }
        if (found.isEmpty()) {
            throw Rejection.brokerRejected(UNKNOWN);
        }
        if (found.size() > 1) {
            throw Rejection.brokerRejected(AMBIGUOUS);
        }
        return found.get(0).tradableInstrumentId();
    }

    private static List<TeInstrument> matching(List<TeInstrument> instruments, JsonNode order) {
        return instruments.stream().filter(i -> i.matches(order)).toList();
    }

    private List<TeInstrument> read(String accountId, Deadline deadline) {
        TeAnswer answer = api.call(TeCall.get("/accounts/" + TeBroker.pathSegment(accountId) + "/instruments"), deadline);
        List<TeInstrument> instruments = new ArrayList<>();
        for (JsonNode item : TeLists.items(answer, "instruments", "instruments")) {
            TeInstrument instrument = TeInstrument.of(item);
            if (instrument.tradableInstrumentId() > 0 && instrument.name() != null) {
                instruments.add(instrument);
            }
        }
        return List.copyOf(instruments);
    }
}
