package io.tradehook.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import io.tradehook.common.Json;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus in {@code src/test/resources/hostile/}: one raw request per file (request line, headers, blank
 * line, body bytes), with {@code {apiKey}}, {@code {secret}} and {@code {account}} standing for a real key and
 * account so the body gets as far into the path as it can ({@code {basic}} and {@code {basicQuery}}: the trader's
 * HTTP Basic credentials, for the management API's cases). Every one gets a 4xx envelope, none a 5xx, and the
 * gateway keeps serving.
 */
class HostileInputTest extends GatewayTestSupport {

    private static final Path CORPUS = Path.of("src/test/resources/hostile");

    @Override
    protected Properties overrides() {
        return properties("tradehook.ratelimit.limit", "0");
    }

    /**
     * One raw request. A file may name the exact answer it must get with a line {@code X-Hostile-Expect: 400 price:}
     * among its headers (status, then a part of {@code errmsg}); that line is not sent.
     */
    record Case(String name, String method, String target, List<String[]> headers, byte[] body, String expected) {
    }

    @Test
    void every_hostile_request_gets_a_4xx_envelope_and_the_gateway_keeps_serving() throws Exception {
        Trader trader = users.subscribedTrader();
        List<Case> corpus = corpus(trader);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);

        List<String> failures = new ArrayList<>();
        for (Case hostile : corpus) {
            Answer answer = send(hostile);
            String problem = problem(hostile, answer);
            if (problem != null) {
                failures.add(hostile.name() + ": " + problem + " -> " + answer.status() + " " + abbreviated(answer.body()));
            }
        }
        assertThat(failures).isEmpty();

        assertThat(sql.number("select count(*) from webhook_request where status >= 500")).isZero();
        assertThat(sql.number("select count(*) from paper_order")).isZero();
        Answer valid = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"}"""
                .formatted(trader.account()));
        assertThat(valid.status()).isEqualTo(200);
    }

    private static String problem(Case hostile, Answer answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "not a 4xx";
        }
        if (hostile.expected() != null) {
            String[] expected = hostile.expected().split(" ", 2);
            if (answer.status() != Integer.parseInt(expected[0])) {
                return "not " + expected[0];
            }
            if (expected.length > 1 && !answer.body().contains(expected[1])) {
                return "errmsg does not say '" + expected[1] + "'";
            }
        }
        if ("HEAD".equals(hostile.method())) {
            return null; // a HEAD answer carries no body
        }
        try {
            JsonNode envelope = Json.MAPPER.readTree(answer.body());
            boolean ok = "error".equals(envelope.path("s").asText()) && !envelope.path("errmsg").asText().isBlank();
            return ok ? null : "not an error envelope";
        } catch (IOException e) {
            return "not JSON";
        }
    }

    private Answer send(Case hostile) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + hostile.target()))
                .method(hostile.method(), hostile.body().length == 0 && !"POST".equals(hostile.method())
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
        hostile.headers().forEach(h -> request.header(h[0], h[1]));
        return http.send(request);
    }

    private static List<Case> corpus(Trader trader) throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".http")).sorted().map(f -> read(f, trader)).toList();
        }
    }

    /** Bytes are kept as they are (ISO-8859-1 maps each byte to one char and back); placeholders are ASCII. */
    private static Case read(Path file, Trader trader) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .replace("{apiKey}", trader.key().apiKey())
                    .replace("{secret}", trader.key().secretKey())
                    .replace("{account}", trader.account())
                    .replace("{basic}", basic(trader))
                    .replace("{basicQuery}", URLEncoder.encode(basic(trader), StandardCharsets.UTF_8));
            int end = text.indexOf("\n\n");
            String[] head = text.substring(0, end).split("\n");
            String[] requestLine = head[0].split(" ", 2);
            List<String[]> headers = new ArrayList<>();
            String expected = null;
            for (int i = 1; i < head.length; i++) {
                String[] header = head[i].split(": ", 2);
                if (header[0].equalsIgnoreCase("X-Hostile-Expect")) {
                    expected = header[1];
                } else {
                    headers.add(header);
                }
            }
            return new Case(file.getFileName().toString(), requestLine[0], requestLine[1], headers,
                    text.substring(end + 2).getBytes(StandardCharsets.ISO_8859_1), expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTP Basic credentials of the trader, for the management API's cases. */
    private static String basic(Trader trader) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (trader.login() + ":secret-" + trader.login()).getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
