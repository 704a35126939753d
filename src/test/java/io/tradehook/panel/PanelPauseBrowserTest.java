package io.tradehook.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Pausing and resuming keys from the panel, and the keys table at a phone's width. */
class PanelPauseBrowserTest extends BrowserTestSupport {

    private static final String PLACE = """
            {"action":"place","accountName":"%s","symbol":"ABC","type":"market","qty":%d,"side":"buy"}""";

    @Test
    void a_trader_pauses_a_key_in_the_panel_its_alerts_get_403_and_resume_lets_them_through() throws Exception {
        Trader trader = users.subscribedTrader();
        logIn(trader);

        firstRow().findElement(By.cssSelector(".pause")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#keys-table .badge-paused")));
        assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 1)).status()).isEqualTo(403);
        assertThat(firstRow().findElement(By.cssSelector(".resume")).getText()).isEqualTo("Resume");
        screenshot("keys-paused-desktop.png");

        firstRow().findElement(By.cssSelector(".resume")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#keys-table .badge-paused")));
        assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 2)).status()).isEqualTo(200);
    }

    @Test
    void pause_all_and_resume_all_stop_and_restart_every_key() {
        Trader trader = users.subscribedTrader();
        var second = users.newKey(trader.userId(), null);
        logIn(trader);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table tbody tr"), 2));

        browser.findElement(By.id("pause-all")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table .badge-paused"), 2));
        assertThat(http.postJson("/webhook/" + second.apiKey() + "/" + second.secretKey(),
                PLACE.formatted(trader.account(), 3)).errmsg()).contains("paused");

        browser.findElement(By.id("resume-all")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table .badge-paused"), 0));
        assertThat(http.postJson(trader.webhookPath(), PLACE.formatted(trader.account(), 4)).status()).isEqualTo(200);
    }

    @Test
    void at_a_phones_width_every_key_action_is_in_view_and_nothing_runs_off_its_card() throws Exception {
        Trader trader = users.subscribedTrader();
        users.newKey(trader.userId(), null);
        resize(PHONE);
        logIn(trader);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table tbody tr"), 2));

        int viewport = ((Number) js("return document.documentElement.clientWidth")).intValue();
        assertThat(viewport).isLessThanOrEqualTo(400);
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                .as("the page does not scroll sideways").isLessThanOrEqualTo(viewport);
        List<WebElement> buttons = browser.findElements(By.cssSelector("#keys-table .delete, #keys-table .pause"));
        assertThat(buttons).hasSize(4);
        for (WebElement button : buttons) {
            assertThat(button.isDisplayed()).isTrue();
            assertThat(button.getRect().getX() + button.getRect().getWidth()).as(button.getText()).isLessThanOrEqualTo(viewport);
        }
        screenshot("keys-phone.png");

        firstRow().findElement(By.cssSelector(".pause")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#keys-table .badge-paused")));
        screenshot("keys-paused-phone.png");
    }

    private WebElement firstRow() {
        return browser.findElement(By.cssSelector("#keys-table tbody tr:first-child"));
    }
}
