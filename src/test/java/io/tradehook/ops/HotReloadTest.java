package io.tradehook.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;

/**
 * With {@code tradehook.reload = true}, edits to schemas and routes take effect while the gateway runs. The
 * gateway runs on copies of {@code routes/} and {@code schemas/}, so the test can edit them.
 */
class HotReloadTest extends GatewayTestSupport {

    // assigned from overrides(), which runs before field initializers: no initializer here
    private Path routes;
    private Path schemas;

    @Override
    protected Properties overrides() {
        routes = copyOf(Path.of("routes"));
        schemas = copyOf(Path.of("schemas"));
        Properties properties = new Properties();
        properties.put("tradehook.reload", "true");
        properties.put("tradehook.schemas.dir", schemas.toString());
        properties.put("camel.main.routes-include-pattern",
                "file:" + routes + "/*.camel.yaml,file:" + routes + "/brokers/{{tradehook.broker}}.camel.yaml");
        properties.put("camel.main.routes-reload-directory", routes.toString());
        return properties;
    }

    @Test
    void a_changed_schema_is_used_by_the_next_request() throws Exception {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy","colour":"red"}
                """.formatted(trader.account());
        assertThat(http.postJson(trader.webhookPath(), order).errmsg()).isEqualTo("invalid place order: colour: is not a field of a place order");

        Path place = schemas.resolve("place.json");
        Files.writeString(place, Files.readString(place).replace("is not a field of a place order", "is not a field we know"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.postJson(trader.webhookPath(), order).errmsg()).isEqualTo("invalid place order: colour: is not a field we know"));
    }

    @Test
    void a_broken_schema_edit_keeps_the_previous_schemas_until_it_is_fixed() throws Exception {
        Trader trader = users.subscribedTrader();
        String order = """
                {"action":"modify","accountName":"%s","orderId":1,"qty":2,"colour":"red"}
                """.formatted(trader.account());
        Path modify = schemas.resolve("modify.json");
        String before = Files.readString(modify);

        Files.writeString(modify, "{ not json");
        // before and after the failed reload alike, the last good schemas answer
        assertThat(http.postJson(trader.webhookPath(), order).errmsg()).isEqualTo("invalid modify order: colour: is not a field of a modify order");

        Files.writeString(modify, before.replace("is not a field of a modify order", "is not a field we know"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.postJson(trader.webhookPath(), order).errmsg()).isEqualTo("invalid modify order: colour: is not a field we know"));
    }

    @Test
    void a_changed_route_file_is_reloaded() throws Exception {
        Path orders = routes.resolve("orders.camel.yaml");
        Files.writeString(orders, Files.readString(orders)
                .replace("Places a validated order with the broker", "Places a validated order (edited live)"));

        // the file's routes are briefly absent while they are swapped
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(context.getRoute("order-place"))
                .isNotNull()
                .extracting(route -> route.getDescription()).isEqualTo("Places a validated order (edited live)"));
        Trader trader = users.subscribedTrader();
        assertThat(http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":1,"side":"buy"}
                """.formatted(trader.account())).status()).isEqualTo(200);
    }

    private static Path copyOf(Path source) {
        try {
            Path target = Files.createTempDirectory("tradehook-" + source.getFileName());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
