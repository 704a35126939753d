package io.tradehook.te;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request to the TE Client API: method, path below the API's base URL, query (already encoded, may be null),
 * JSON body (may be null). {@code safeToRepeat}: sending it twice cannot create or change anything (GETs, sign-in).
 */
record TeCall(String method, String path, String query, JsonNode body, boolean safeToRepeat) {

    static TeCall get(String path) {
        return new TeCall("GET", path, null, null, true);
    }
}
