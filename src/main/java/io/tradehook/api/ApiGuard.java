package io.tradehook.api;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.tradehook.common.Rejection;
import org.apache.camel.Exchange;

/**
 * Checks made before a management API call that changes state (log in, log out, create or delete a key) does
 * anything: the call comes from the panel's own origin, and a body is JSON. A form or an image on another site can
 * send neither a cross-site request that passes {@code Origin}/{@code Sec-Fetch-Site} nor a JSON Content-Type
 * (that needs a CORS preflight, which this server never grants). Requests with neither header (curl, scripts) are
 * not from a browser and pass. The SameSite=Strict cookie stays as a second wall.
 */
public final class ApiGuard {

    static final String CROSS_ORIGIN = "cross-origin request refused: call the API from the panel's own origin";
    static final String JSON_ONLY = "unsupported Content-Type: send the body as JSON with Content-Type: application/json";
    /** What browsers send for a request of the page's own origin, and for one the user typed. */
    private static final Set<String> SAME_ORIGIN_FETCHES = Set.of("same-origin", "none");

    private final String publicOrigin;

    public ApiGuard(String publicUrl) {
        this.publicOrigin = origin(publicUrl);
    }

    /** Refuses a state-changing call sent by a page of another origin (403). */
    public void sameOrigin(Exchange exchange) {
        String fetchSite = ApiRequest.header(exchange, "Sec-Fetch-Site");
        if (fetchSite != null && !SAME_ORIGIN_FETCHES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            throw Rejection.forbidden(CROSS_ORIGIN);
        }
        String origin = ApiRequest.header(exchange, "Origin");
        if (origin != null && !isOwn(origin.strip().toLowerCase(Locale.ROOT), ApiRequest.header(exchange, "Host"))) {
            throw Rejection.forbidden(CROSS_ORIGIN);
        }
    }

    /** Refuses a body that is not declared JSON, an absent Content-Type included (415). */
    public void requireJson(Exchange exchange) {
        String contentType = ApiRequest.header(exchange, "Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new Rejection(415, JSON_ONLY);
        }
    }

    /** The configured public origin, or this server under the name the request used (the panel's own page). */
    private boolean isOwn(String origin, String host) {
        if (origin.equals(publicOrigin)) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        return origin.equals("http://" + h) || origin.equals("https://" + h);
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return url.toLowerCase(Locale.ROOT);
        }
    }
}
