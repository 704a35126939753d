package io.tradehook.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The code snippets as TradingView and a shell take them, and the panel's Send test alert. */
class PanelSnippetBrowserTest extends BrowserTestSupport {

    @Test
    void every_message_carries_timenow_and_the_strategy_tab_carries_tradingviews_placeholders() throws Exception {
        Trader trader = users.subscribedTrader();
        logIn(trader);

        for (String action : new String[] {"place", "modify", "cancel", "strategy"}) {
            tab(action).click();
            assertThat(text("snippet-json")).as(action).contains("\"timestamp\": \"{{timenow}}\"");
        }
        assertThat(text("snippet-json")).contains("\"symbol\": \"{{ticker}}\"")
                .contains("\"side\": \"{{strategy.order.action}}\"")
                .contains("\"qty\": \"{{strategy.order.contracts}}\"");
        screenshot("snippet-strategy-desktop.png");
    }

    @Test
    void send_test_alert_answers_what_the_broker_would_get_records_a_dry_run_and_places_nothing() throws Exception {
        Trader trader = users.subscribedTrader();
        logIn(trader);

        browser.findElement(By.id("send-test-alert")).click();
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-alert-answer")));
        assertThat(text("test-alert-status")).startsWith("200");
        JsonNode json = new ObjectMapper().readTree(answer.getText());
        assertThat(json.at("/d/dryRun").asBoolean()).isTrue();
        assertThat(json.at("/d/order/type").asText()).isEqualTo("limit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#history-table tbody"), "dry-run"));

        tab("strategy").click();
        browser.findElement(By.id("send-test-alert")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-alert-answer"), "\"type\": \"market\""));
        json = new ObjectMapper().readTree(text("test-alert-answer"));
        assertThat(json.at("/d/order/symbol").asText()).isEqualTo("ABC");
        assertThat(json.at("/d/order/side").asText()).isEqualTo("buy");
        assertThat(json.at("/d/order/qty").asInt()).isEqualTo(1);
        assertThat(sql.paperOrdersOfUser(trader.userId())).isZero();
        screenshot("test-alert-desktop.png");
        resize(PHONE);
        js("document.getElementById('snippets').scrollIntoView()");
        screenshot("test-alert-phone.png");
    }

    @Test
    void a_test_alert_with_a_paused_key_is_refused_naming_the_pause() {
        Trader trader = users.subscribedTrader();
        logIn(trader);
        browser.findElement(By.cssSelector("#keys-table tbody tr:first-child .pause")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#keys-table .badge-paused")));

        browser.findElement(By.id("send-test-alert")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-alert-answer")));
        assertThat(text("test-alert-status")).startsWith("403");
        assertThat(text("test-alert-answer")).contains("webhook key paused by its owner");
    }

    @Test
    void the_curl_command_run_in_a_shell_places_the_order_with_the_current_time() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/bin/bash")),
                "curl and bash are needed to run the snippet");
        Trader trader = users.subscribedTrader();
        logIn(trader);

        for (String action : new String[] {"place", "strategy"}) {
            tab(action).click();
            String command = text("snippet-curl").replace("<secretKey>", trader.key().secretKey());
            Process curl = new ProcessBuilder("/bin/bash", "-c", command + " --silent --max-time 10").start();
            assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).as(action).startsWith("{\"s\":\"ok\"").contains("\"orderId\"");
        }
        assertThat(sql.string("select string_agg(outcome, ',') from webhook_request where key_id = ?",
                trader.key().id())).isEqualTo("ok,ok");
    }

    private WebElement tab(String action) {
        return browser.findElement(By.cssSelector(".tab[data-action='" + action + "']"));
    }
}
