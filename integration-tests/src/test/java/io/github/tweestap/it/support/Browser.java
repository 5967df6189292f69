package io.github.tweestap.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium from Debian, driven through Selenium; one fresh profile per instance. */
public final class Browser implements AutoCloseable {

    private final WebDriver driver;
    private final Path userDataDir;

    public Browser() {
        this("nl");
    }

    public Browser(String language) {
        this(language, true);
    }

    /** A browser with JavaScript switched off when {@code javascript} is false (pages must work without it). */
    public Browser(String language, boolean javascript) {
        this(language, javascript, List.of());
    }

    /** A browser with extra command-line arguments, e.g. a fake camera for the phone that runs the web app. */
    public Browser(String language, List<String> extraArguments) {
        this(language, true, extraArguments);
    }

    private Browser(String language, boolean javascript, List<String> extraArguments) {
        String chromedriver = System.getProperty("tweestap.chromedriver", "/usr/bin/chromedriver");
        String chromium = System.getProperty("tweestap.chromium", "/usr/bin/chromium");
        try {
            userDataDir = Files.createTempDirectory("tweestap-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--lang=" + language,
                "--user-data-dir=" + userDataDir);
        options.addArguments(extraArguments);
        options.setExperimentalOption("prefs", javascript ? java.util.Map.of("intl.accept_languages", language)
                : java.util.Map.of("intl.accept_languages", language,
                        "profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(chromedriver)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitUrl(java.util.function.Predicate<String> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> condition.test(d.getCurrentUrl()));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String text(By by) {
        return await(by).getText();
    }

    public String source() {
        return driver.getPageSource();
    }

    public void type(By by, String value) {
        WebElement field = await(by);
        field.clear();
        field.sendKeys(value);
    }

    public void click(By by) {
        await(by).click();
    }

    /** Saves a screenshot under target/screenshots, for a person to look at after the run. */
    public void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("tweestap.artifacts.dir", "target/artifacts"),
                    "screenshots"));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException | RuntimeException e) {
            // a screenshot is a courtesy; never the reason a test fails
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(userDataDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp dir; leave it
            }
        }
    }
}
