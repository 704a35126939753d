package io.tradehook.te;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehook.webhook.Rejection;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code accountName} → TE account id, from {@code GET /accounts} (the accounts of the gateway's TE user), kept for
 * {@code tradehook.te.cache-ttl}. A name not in the list reloads it once (the account may be new); still absent,
 * the order is refused with 422 before anything is sent.
 */
final class TeAccounts {

    static final String UNKNOWN = "accountName: the broker has no trading account of that name";

    private record Snapshot(Map<String, String> idsByName, long loadedAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TeAccounts.class);
    private static final long WARM_UP_MS = 10_000;

    private final TeApi api;
    private final Duration ttl;
    private volatile Snapshot snapshot;

    TeAccounts(TeApi api, Duration ttl) {
        this.api = api;
        this.ttl = ttl;
    }

    public String resolve(@Body ObjectNode order, @Variable(TeBroker.DEADLINE) Deadline deadline) {
        String name = order.path("accountName").asText();
        Snapshot current = snapshot;
        if (current == null || stale(current) || !current.idsByName.containsKey(name)) {
            current = reload(deadline);
        }
        String id = current.idsByName.get(name);
        if (id == null) {
            throw Rejection.brokerRejected(UNKNOWN);
        }
        return id;
    }

    /** Signs in and loads the accounts ahead of the first order, so it does not pay for the cold start. */
    void warmUp() {
        try {
            reload(new Deadline(System.currentTimeMillis() + WARM_UP_MS));
            LOG.info("TE broker ready: signed in, {} accounts", snapshot.idsByName.size());
        } catch (RuntimeException e) {
            LOG.warn("TE broker not reachable at startup ({}); orders will try again", e.getMessage());
        }
    }

    private boolean stale(Snapshot s) {
        return System.currentTimeMillis() - s.loadedAt > ttl.toMillis();
    }

    private synchronized Snapshot reload(Deadline deadline) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode account : TeLists.items(api.call(TeCall.get("/accounts"), deadline), "accounts", "accounts")) {
            String id = account.path("id").asText("");
            if (!id.isEmpty()) {
                ids.put(account.path("name").asText(), id);
            }
        }
        snapshot = new Snapshot(Map.copyOf(ids), System.currentTimeMillis());
        return snapshot;
    }
}
