package io.tradehook.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A request history row opens to what arrived and what became of it. */
class PanelRequestDetailBrowserTest extends BrowserTestSupport {

    @Test
    void a_refused_alert_opens_to_the_body_tradingview_sent() throws Exception {
        Trader trader = users.subscribedTrader();
        String unresolved = """
                {"action":"place","accountName":"%s","symbol":"{{ticker}}","type":"market","qty":1,"side":"buy"}"""
                .formatted(trader.account());
        assertThat(http.postJson(trader.webhookPath(), unresolved).status()).isEqualTo(400);
        logIn(trader);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-table tbody tr"), 1));

        browser.findElement(By.cssSelector("#history-table tbody tr")).click();

        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-dialog")));
        assertThat(text("request-body")).isEqualTo(unresolved);
        assertThat(text("request-result")).contains("symbol");
        assertThat(text("request-order")).startsWith("(not reached");
        assertThat(browser.findElement(By.id("request-stages")).getText()).contains("Received");
        screenshot("request-refused-desktop.png");
        browser.findElement(By.id("request-close")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
    }

    @Test
    void a_placed_order_opens_to_its_order_the_brokers_answer_and_its_stages_at_a_phones_width() throws Exception {
        Trader trader = users.subscribedTrader();
        String orderId = http.postJson(trader.webhookPath(), """
                {"action":"place","accountName":"%s","symbol":"abc","type":"MARKET","qty":"2","side":"Sell"}"""
                .formatted(trader.account())).json().at("/d/orderId").asText();
        resize(PHONE);
        logIn(trader);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-table tbody tr"), 1));

        WebElement row = browser.findElement(By.cssSelector("#history-table tbody tr"));
        js("arguments[0].scrollIntoView()", row);
        row.click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-dialog")));
        assertThat(text("request-order")).contains("\"symbol\": \"ABC\"").contains("\"qty\": 2").contains("\"side\": \"sell\"");
        assertThat(text("request-broker")).contains("\"orderId\": \"" + orderId + "\"");
        assertThat(browser.findElement(By.id("request-stages")).getText()).contains("Checks passed")
                .contains("Broker answered").contains("Answered");
        screenshot("request-placed-phone.png");
    }
}
