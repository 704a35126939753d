package io.tradehook.panel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;

import io.tradehook.support.GatewayTestSupport;
import io.tradehook.support.TestUsers.Trader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gateway and a headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run) per test; skipped
 * when they are not installed. Screenshots go to target/screenshots/.
 */
abstract class BrowserTestSupport extends GatewayTestSupport {

    static final Dimension DESKTOP = new Dimension(1280, 1700);
    /** An iPhone 12-15's CSS width. */
    static final Dimension PHONE = new Dimension(390, 1400);

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    protected ChromeDriver browser;
    protected WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
                        + "(apt-get install chromium chromium-driver; .ci/run does it)");
        profile = Files.createTempDirectory("tradehook-chromium");
        ChromeOptions options = new ChromeOptions();
        // an explicit binary and driver: Selenium Manager has nothing to look up or download
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1700",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Logs the trader in through the login form and waits for the panel and its keys. */
    protected void logIn(Trader trader) {
        browser.get(http.baseUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
        browser.findElement(By.id("login")).sendKeys(trader.login());
        browser.findElement(By.id("password")).sendKeys("secret-" + trader.login());
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-view")));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#keys-table tbody tr"), 0));
    }

    /** The window's size; the viewport's width follows it in headless Chromium. */
    protected void resize(Dimension size) {
        browser.manage().window().setSize(size);
    }

    protected String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    protected Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    protected void screenshot(String file) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
