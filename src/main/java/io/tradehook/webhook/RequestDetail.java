package io.tradehook.webhook;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import io.tradehook.common.Json;

/**
 * Collects a webhook request's detail for its owner (the {@code detail} column of its record): the body as received,
 * the order once every check passed, the broker's answer, and when each stage ended, in milliseconds from arrival.
 * The route notes each stage as it passes it; the record takes what was noted, whatever the outcome.
 */
public final class RequestDetail {

    /** What one request noted so far; lives in an exchange variable. */
    static final class Noted {
        private final long startNanos = System.nanoTime();
        private final String body;
        private JsonNode order;
        private JsonNode brokerRequest;
        private JsonNode brokerAnswer;
        private final Map<String, Double> stagesMs = new LinkedHashMap<>();

        Noted(String body) {
            this.body = body;
        }

        void stage(String name) {
            stagesMs.put(name, Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0);
        }

        /** The detail as the record keeps it: one JSON document. */
        String json() {
            stage("answered");
            ObjectNode detail = Json.MAPPER.createObjectNode();
            detail.put("body", body);
            detail.set("order", order);
            detail.set("brokerRequest", brokerRequest);
            detail.set("brokerAnswer", brokerAnswer);
            detail.set("stagesMs", Json.MAPPER.valueToTree(stagesMs));
            return Json.text(detail);
        }
    }

    static final String NOTED = "requestDetail";

    /**
     * The body as it arrived (bytes that are not UTF-8 shown as U+FFFD), with the presented secret, should a sender
     * have put it in the body too, masked: a request's detail never holds a secret.
     */
    public static void received(Exchange exchange, byte[] body, String secret) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (secret != null && !secret.isEmpty()) {
            text = text.replace(secret, "***");
        }
        exchange.setVariable(NOTED, new Noted(text));
        noted(exchange).stage("received");
    }

    /** Every check passed: the order as the broker routes will get it (normalised, symbols mapped). */
    public void checked(@Body ObjectNode order, Exchange exchange) {
        Noted noted = noted(exchange);
        if (noted != null) {
            noted.order = order.deepCopy();
            noted.stage("checked");
        }
    }

    /** Admitted (rate limit, resend claim): the broker is called next. */
    public void admitted(Exchange exchange) {
        Noted noted = noted(exchange);
        if (noted != null) {
            noted.stage("admitted");
        }
    }

    /**
     * A broker that calls out over the wire notes the call as it left (method, path, query, body; never its
     * credentials), so the trader sees what the broker was sent.
     */
    public static void sentToBroker(Exchange exchange, JsonNode call) {
        Noted noted = noted(exchange);
        if (noted != null) {
            noted.brokerRequest = call;
            noted.stage("sent");
        }
    }

    /** The broker answered: its answer as the route has it. */
    public void brokerAnswered(@Body JsonNode answer, Exchange exchange) {
        Noted noted = noted(exchange);
        if (noted != null) {
            noted.brokerAnswer = answer == null ? null : answer.deepCopy();
            noted.stage("broker");
        }
    }

    private static Noted noted(Exchange exchange) {
        return exchange.getVariable(NOTED, Noted.class);
    }

    /** The detail of the request so far as JSON, or null when nothing was noted (a request no ingress took). */
    static String of(Exchange exchange) {
        Noted noted = noted(exchange);
        return noted == null ? null : noted.json();
    }
}
