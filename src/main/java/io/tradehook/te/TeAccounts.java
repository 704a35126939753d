package io.tradehook.te;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.common.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code accountName} → TE account id, from {@code GET /accounts} (the accounts of the gateway's TE user), kept for
 * {@code tradehook.te.cache-ttl} and refreshed behind the orders after that ({@link TeCached}). A name not in the
 * list reloads it once (the account may be new); still absent, the order is refused with 422 before anything is sent.
 */
final class TeAccounts {

    static final String UNKNOWN = "accountName: the broker has no trading account of that name";

    private static final Logger LOG = LoggerFactory.getLogger(TeAccounts.class);
    private static final long WARM_UP_MS = 10_000;

    private final TeApi api;
    private final TeCached<Map<String, String>> idsByName;

    TeAccounts(TeApi api, Duration ttl, Executor background) {
        this.api = api;
        this.idsByName = new TeCached<>("accounts", ttl, this::read, background);
    }

    public String resolve(@Body ObjectNode order, @Variable(TeBroker.DEADLINE) Deadline deadline) {
        String name = order.path("accountName").asText();
        Map<String, String> ids = idsByName.get(deadline);
        String id = ids.containsKey(name) ? ids.get(name) : idsByName.reload(deadline, ids).get(name);
        if (id == null) {
            throw Rejection.brokerRejected(UNKNOWN);
        }
        return id;
    }

    /** Signs in and loads the accounts ahead of the first order, so it does not pay for the cold start. */
    void warmUp() {
        try {
            Map<String, String> ids = idsByName.get(new Deadline(System.currentTimeMillis() + WARM_UP_MS));
            LOG.info("TE broker ready: signed in, {} accounts", ids.size());
        } catch (RuntimeException e) {
            LOG.warn("TE broker not reachable at startup ({}); orders will try again", e.getMessage());
        }
    }

    private Map<String, String> read(Deadline deadline) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode account : TeLists.items(api.call(TeCall.get("/accounts"), deadline), "accounts", "accounts")) {
            String id = account.path("id").asText("");
            if (!id.isEmpty()) {
                ids.put(account.path("name").asText(), id);
            }
        }
        return Map.copyOf(ids);
    }
}
