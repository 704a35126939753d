package io.tradehook.te;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.common.BrokerFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the lists TE answers with: {@code d} itself, or {@code d.<name>} ({@code {"d":{"accounts":[...]}}}). */
final class TeLists {

    private static final Logger LOG = LoggerFactory.getLogger(TeLists.class);

    private TeLists() {
    }

    static Iterable<JsonNode> items(TeAnswer answer, String name, String what) {
        if (!answer.ok()) {
            LOG.warn("TE refused to list {} (HTTP {}): {}", what, answer.status(), answer.errmsg());
            throw new BrokerFailure(502, TeClient.FAILED, false);
        }
        JsonNode data = answer.data();
        JsonNode list = data.isArray() ? data : data.path(name);
        if (!list.isArray()) {
            LOG.warn("TE listed {} in an unexpected shape", what);
            throw new BrokerFailure(502, TeClient.FAILED, false);
        }
        return list;
    }
}
