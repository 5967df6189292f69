package io.github.tweestap.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium from Debian, driven through Selenium; one fresh profile per instance. */
public final class Browser implements AutoCloseable {

    private final WebDriver driver;
    private final Path userDataDir;
    private final boolean javascript;

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
        this.javascript = javascript;
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

    /** Whether this browser runs JavaScript (a browser without it tests that pages work without). */
    public boolean javascript() {
        return javascript;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** How long every wait of these helpers lasts before it fails (a loaded machine needs the margin). */
    public static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * The one way tests wait on a page: {@code condition} is asked again until it returns something other than
     * null or false. A page that replaces itself (a form post, a script going on to the next page) leaves elements
     * that were found a moment ago stale, or not yet there: those answers are ignored and the condition is asked
     * again, so a wait never fails because the page moved under it, only because the awaited thing never came.
     */
    public <T> T until(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(JavascriptException.class)
                .withMessage(what)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (WebDriverException e) {
                        if (replaced(e)) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /**
     * Chromium may answer for an element of a document that was just replaced with "Node with given id does not
     * belong to the document", an "unknown error" rather than a stale element: the same thing for a wait.
     */
    private static boolean replaced(WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    public <T> T until(String what, Function<WebDriver, T> condition) {
        return until(WAIT, what, condition);
    }

    /** The visible element {@code by}, waiting until the page shows it. */
    public WebElement await(By by) {
        return until("a visible " + by, d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element : null;
        });
    }

    public void awaitUrl(Predicate<String> condition) {
        until("the expected address (now " + driver.getCurrentUrl() + ")", d -> condition.test(d.getCurrentUrl()));
    }

    /** The text of the page as a person reads it, read again when the page replaced itself while reading. */
    public String bodyText() {
        return until("the page's text", d -> d.findElement(By.tagName("body")).getText());
    }

    /** Waits until the page's text holds every one of {@code texts}; returns that text. */
    public String awaitText(String... texts) {
        return until("a page showing " + java.util.Arrays.toString(texts), d -> {
            String body = d.findElement(By.tagName("body")).getText();
            for (String text : texts) {
                if (!body.contains(text)) {
                    return null;
                }
            }
            return body;
        });
    }

    /**
     * Clicks {@code button} and waits for the page that answers: the page it was on is replaced (its root element
     * goes stale) and the new page shows its own {@code marker}. The page before may show an element with the same
     * id (an error, a field), so waiting for the marker alone could read the old page.
     */
    public WebElement clickAndAwait(By button, By marker) {
        WebElement before = driver.findElement(By.tagName("html"));
        await(button).click();
        until("the page after clicking " + button + " to go", d -> {
            try {
                before.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (replaced(e)) {
                    return true;
                }
                throw e;
            }
        });
        return await(marker);
    }

    /** Types into the visible field {@code by}, replacing what it held. */
    public void type(By by, String value) {
        until("typing into " + by, d -> {
            WebElement field = await(by);
            field.clear();
            field.sendKeys(value);
            return true;
        });
    }

    public void click(By by) {
        until("clicking " + by, d -> {
            await(by).click();
            return true;
        });
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String text(By by) {
        return until("the text of " + by, d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    public String source() {
        return driver.getPageSource();
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
