package io.tradehook.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Setting a key's limits in the panel, each proven by the webhook's answer. */
class PanelLimitsBrowserTest extends BrowserTestSupport {

    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":%d,"side":"buy"}""";

    @Test
    void a_trader_sets_a_keys_limits_in_the_panel_and_alerts_past_them_get_403_naming_the_limit() throws Exception {
        Trader trader = users.subscribedTrader();
        logIn(trader);

        WebElement dialog = openLimits();
        assertThat(input("limits-max-qty").getDomProperty("value")).isEmpty();
        input("limits-max-qty").sendKeys("5");
        input("limits-orders-per-day").sendKeys("20");
        check("#limits-actions input[value='place']");
        check("#limits-actions input[value='cancel']");
        check("#limits-accounts input[value='" + trader.account() + "']");
        screenshot("limits-desktop.png");
        browser.findElement(By.id("limits-save")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));

        Answer tooMuch = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 6));
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.errmsg()).isEqualTo("qty: above the maximum quantity of this key (5)");
        assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 5)).status()).isEqualTo(200);

        // reopened, the dialog shows what was saved; TradingView's servers only, then the test client is refused
        openLimits();
        assertThat(input("limits-max-qty").getDomProperty("value")).isEqualTo("5");
        assertThat(input("limits-orders-per-day").getDomProperty("value")).isEqualTo("20");
        assertThat(browser.findElement(By.cssSelector("#limits-actions input[value='modify']")).isSelected()).isFalse();
        assertThat(browser.findElement(By.cssSelector("#limits-actions input[value='cancel']")).isSelected()).isTrue();
        check("#limits-tradingview");
        browser.findElement(By.id("limits-save")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 1)).errmsg())
                .isEqualTo("this key does not accept requests from this source address");
    }

    @Test
    void a_trading_window_set_in_the_panel_refuses_places_outside_it_and_a_bad_time_zone_is_shown() throws Exception {
        Trader trader = users.subscribedTrader();
        resize(PHONE);
        logIn(trader);

        WebElement dialog = openLimits();
        check("#limits-window-on");
        assertThat(browser.findElement(By.id("limits-window")).isDisplayed()).isTrue();
        // no day ticked but Sunday, a window of one minute at 03:00 UTC
        for (WebElement day : browser.findElements(By.cssSelector("#limits-days input:checked"))) {
            day.click();
        }
        js("document.getElementById('limits-from').value = '03:00';"
                + "document.getElementById('limits-to').value = '03:01'");
        check("#limits-days input[value='SUN']");
        input("limits-zone").clear();
        input("limits-zone").sendKeys("Mars/Base");
        browser.findElement(By.id("limits-save")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("limits-error")));
        assertThat(error.getText()).isEqualTo("tradingWindow.timeZone must be a time zone such as America/New_York or UTC");
        screenshot("limits-phone.png");

        input("limits-zone").clear();
        input("limits-zone").sendKeys("UTC");
        browser.findElement(By.id("limits-save")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));

        Answer outside = http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 1));
        // unless this runs on a Sunday at 03:00 UTC
        if (outside.status() != 200) {
            assertThat(outside.status()).isEqualTo(403);
            assertThat(outside.errmsg()).startsWith("trading window: outside this key's trading days and hours");
        }
        String cancel = "{\"action\":\"cancel\",\"accountName\":\"%s\",\"orderId\":999999999}".formatted(trader.account());
        assertThat(http.postJson(trader.webhookPath(), cancel).status()).as("a cancel is let through").isEqualTo(404);
    }

    private WebElement openLimits() {
        browser.findElement(By.cssSelector("#keys-table tbody tr:first-child .limits")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("limits-dialog")));
    }

    private WebElement input(String id) {
        return browser.findElement(By.id(id));
    }

    private void check(String selector) {
        WebElement box = browser.findElement(By.cssSelector(selector));
        if (!box.isSelected()) {
            box.click();
        }
    }
}
