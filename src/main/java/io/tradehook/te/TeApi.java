package io.tradehook.te;

import io.tradehook.common.BrokerFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorized calls: each carries the current Bearer token; a 401 drops that token and the call is sent once more
 * with a fresh one (TE refused the first, so nothing was done twice). A second 401 is final.
 */
final class TeApi {

    private static final Logger LOG = LoggerFactory.getLogger(TeApi.class);

    private final TeClient client;
    private final TeToken token;

    TeApi(TeClient client, TeToken token) {
        this.client = client;
        this.token = token;
    }

    TeAnswer call(TeCall call, Deadline deadline) {
        String bearer = token.bearer(deadline);
        TeAnswer answer = client.send(call, bearer, deadline);
        if (answer.status() != 401) {
            return answer;
        }
        token.expire(bearer);
        if (token.renewable()) {
            answer = client.send(call, token.bearer(deadline), deadline);
            if (answer.status() != 401) {
                return answer;
            }
        }
        LOG.warn("TE refused the gateway's token on {} {}", call.method(), call.path());
        throw new BrokerFailure(502, TeToken.SIGN_IN_REFUSED, false);
    }
}
