package io.tradehook.te;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request to the TE Client API: method, path below the API's base URL, query (already encoded, may be null),
 * JSON body (may be null). {@code safeToRepeat}: sending it twice cannot create or change anything (GETs, sign-in).
 * {@code limitType}: the route name TE's {@code /config} announces a request limit under (such as
 * {@code PLACE_ORDER}); the call is paced to it ({@link TePacing}). Null for calls that are not paced.
 */
record TeCall(String method, String path, String query, JsonNode body, boolean safeToRepeat, String limitType) {

    static TeCall get(String path) {
        return new TeCall("GET", path, null, null, true, null);
    }

    static TeCall signIn(String query) {
        return new TeCall("POST", "/authorize", query, null, true, null);
    }

    /** The call as the request's detail shows it: method, path, query and body (never the token: not part of it). */
    ObjectNode asJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("method", method).put("path", path);
        if (query != null) {
            json.put("query", query);
        }
        if (body != null) {
            json.set("body", body.deepCopy());
        }
        return json;
    }

    /** An order call: never repeated, paced under {@code limitType}. */
    static TeCall order(String method, String path, String query, JsonNode body, String limitType) {
        return new TeCall(method, path, query, body, false, limitType);
    }
}
