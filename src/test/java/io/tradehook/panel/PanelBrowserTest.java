package io.tradehook.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import io.tradehook.support.WebhookClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Webhooks keys panel in headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run): a
 * trader logs in, creates a key, reads the one-time pop-up, copies the webhook URL, and that URL places an order.
 * Screenshots of the panel, the pop-up and the API docs go to target/screenshots/.
 */
class PanelBrowserTest extends BrowserTestSupport {

    @Test
    void a_trader_creates_a_key_copies_its_webhook_url_and_places_an_order_with_it() throws Exception {
        Trader trader = users.subscribedTrader();
        String base = http.baseUrl();
        // lets the page write and read the clipboard without a user gesture prompt
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));

        // log in
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
        browser.findElement(By.id("login")).sendKeys(trader.login());
        browser.findElement(By.id("password")).sendKeys("secret-" + trader.login());
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-view")));
        assertThat(browser.findElement(By.id("user-login")).getText()).isEqualTo(trader.login());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table tbody tr"), 1));

        // create a key whose name would be markup if the page did not escape it
        String name = "TradingView <b>alerts</b>";
        browser.findElement(By.id("key-name")).sendKeys(name);
        js("document.getElementById('key-expires').value = '2030-01-31T10:00'");
        browser.findElement(By.id("create-key")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("created-dialog")));
        assertThat(dialog.getText()).contains("after closing this window, the generated keys will no longer be displayed");

        // the pop-up: Name, API key, Secret key, Webhook URL
        assertThat(value("name")).isEqualTo(name);
        String apiKey = value("apiKey");
        String secretKey = value("secretKey");
        String webhookUrl = value("webhookUrl");
        assertThat(webhookUrl).isEqualTo(base + "/webhook/" + apiKey + "/" + secretKey);
        assertThat(secretKey).matches("[A-Za-z0-9_-]{43}");

        // Show/Hide toggles between masked and readable
        assertThat(input("secretKey").getAttribute("type")).isEqualTo("password");
        toggle("secretKey").click();
        assertThat(input("secretKey").getAttribute("type")).isEqualTo("text");
        assertThat(toggle("secretKey").getText()).isEqualTo("Hide");
        toggle("webhookUrl").click();
        screenshot("popup.png");
        toggle("secretKey").click();
        assertThat(input("secretKey").getAttribute("type")).isEqualTo("password");
        assertThat(toggle("secretKey").getText()).isEqualTo("Show");

        // Copy puts the value on the clipboard
        WebElement copy = row("webhookUrl").findElement(By.cssSelector(".copy"));
        copy.click();
        wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        String copied = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('clipboard error: ' + e))");
        assertThat(copied).isEqualTo(webhookUrl);

        // closing the pop-up takes the secrets out of the page
        browser.findElement(By.id("close-dialog")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(value("secretKey")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(secretKey);

        // the table lists the new key with its dates, its name as text
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table tbody tr"), 2));
        WebElement newRow = browser.findElement(By.cssSelector("#keys-table tbody tr:first-child"));
        assertThat(newRow.findElement(By.cssSelector(".key-name")).getText()).isEqualTo(name);
        assertThat(browser.findElements(By.cssSelector("#keys-table b"))).isEmpty();
        assertThat(newRow.findElement(By.cssSelector(".created")).getText()).isNotBlank();
        assertThat(newRow.findElement(By.cssSelector(".expires")).getText()).contains("2030");
        assertThat(browser.findElement(By.cssSelector("#keys-table tbody tr:last-child .expires")).getText())
                .isEqualTo("No expiration");

        // code snippet tabs: Place (with the new key's URL and the trader's account), Modify, Cancel
        assertThat(text("snippet-curl")).contains(base + "/webhook/" + apiKey + "/<secretKey>").contains("curl -X POST");
        assertThat(text("snippet-json")).contains("\"action\": \"place\"").contains("\"accountName\": \"" + trader.account() + "\"");
        tab("modify").click();
        assertThat(tab("modify").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(tab("place").getAttribute("aria-selected")).isEqualTo("false");
        assertThat(text("snippet-json")).contains("\"action\": \"modify\"").contains("orderId");
        tab("cancel").click();
        assertThat(text("snippet-json")).contains("\"action\": \"cancel\"");
        tab("place").click();
        String placeMessage = text("snippet-json");
        assertThat(browser.findElement(By.id("docs-link")).getAttribute("href")).isEqualTo(base + "/docs");

        // the copied webhook URL, with the Place snippet's message as TradingView fills it in, places an order
        assertThat(placeMessage).contains("\"timestamp\": \"{{timenow}}\"");
        placeMessage = placeMessage.replace("{{timenow}}", java.time.Instant.now().toString());
        Answer placed = http.send(copied, "POST", "text/plain", placeMessage);
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.json().at("/d/orderId").asText()).matches("[0-9]+");

        // the request history shows it
        browser.findElement(By.id("history-refresh")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-table tbody tr"), 1));
        assertThat(browser.findElement(By.cssSelector("#history-table tbody tr")).getText())
                .contains(name).contains("place").contains("200").contains(placed.json().at("/d/orderId").asText());
        js("window.scrollTo(0, 0)");
        screenshot("panel.png");

        // delete removes the row, and the key stops working
        newRow.findElement(By.cssSelector(".delete")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys-table tbody tr"), 1));
        assertThat(browser.findElement(By.id("keys-table")).getText()).doesNotContain("TradingView");
        assertThat(http.send(copied, "POST", "text/plain", placeMessage).status()).isEqualTo(401);
        assertThat(text("snippet-curl")).contains("<secretKey>").doesNotContain(secretKey);

        // the API docs the link opens
        browser.get(base + "/docs");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#docs-body .endpoint"), 8));
        assertThat(browser.findElement(By.id("docs-body")).getText()).contains("/webhook/{apiKey}/{secretKey}")
                .contains("/api/keys").contains("PlaceOrder");
        // public operations say no login is needed; the order schemas come from schemas/ with their types
        assertThat(browser.findElement(By.id("webhook")).getText()).doesNotContain("Needs a login");
        assertThat(browser.findElement(By.id("listKeys")).getText()).contains("Needs a login");
        assertThat(browser.findElement(By.id("schema-PlaceOrder")).getText()).contains("qty *").contains("number")
                .contains("One of: market, stop, limit, stop limit, trailing stop, care.");
        screenshot("docs.png");
    }

    @Test
    void a_wrong_password_shows_one_message_and_no_panel() {
        Trader trader = users.subscribedTrader();
        browser.get(http.baseUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
        browser.findElement(By.id("login")).sendKeys(trader.login());
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("login-button")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).isEqualTo("wrong login or password");
        assertThat(browser.findElement(By.id("panel-view")).isDisplayed()).isFalse();
    }

    private WebElement row(String field) {
        return browser.findElement(By.cssSelector("#created-dialog .secret-row[data-field='" + field + "']"));
    }

    private WebElement input(String field) {
        return row(field).findElement(By.cssSelector(".secret-value"));
    }

    private WebElement toggle(String field) {
        return row(field).findElement(By.cssSelector(".toggle"));
    }

    private String value(String field) {
        return input(field).getDomProperty("value");
    }

    private WebElement tab(String action) {
        return browser.findElement(By.cssSelector(".tab[data-action='" + action + "']"));
    }
}
