package io.github.tweestap.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * A seed's user guide followed step by step in the browser: every {@link #step} saves a numbered screenshot under
 * {@code target/artifacts/walkthroughs/<name>/} and runs axe-core on the page; {@link #finish} fails the test when
 * any themed page had a serious or critical accessibility violation.
 */
public final class Walkthrough {

    private final Browser browser;
    private final Path dir;
    private final List<String> problems = new ArrayList<>();
    private int counter;

    public Walkthrough(Browser browser, String name) {
        this.browser = browser;
        this.dir = Path.of(System.getProperty("tweestap.artifacts.dir", "target/artifacts"), "walkthroughs", name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the page the browser shows now as the seed's step {@code label}: checks that the page's text holds
     * every one of {@code wording} (the seed's words), saves a screenshot and runs axe-core.
     */
    public void step(String label, String... wording) {
        counter++;
        String file = String.format("%02d-%s.png", counter, label.replaceAll("[^A-Za-z0-9]+", "-"));
        String text = browser.bodyText();
        try {
            byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(file), png);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String w : wording) {
            assertThat(text).as("step %d (%s) shows the seed's wording", counter, label).contains(w);
        }
        List<Accessibility.Violation> violations = Accessibility.seriousViolations(browser);
        if (!violations.isEmpty()) {
            problems.add("step " + counter + " (" + label + ", " + browser.driver().getCurrentUrl() + "): " + violations);
        }
    }

    /** Number of steps recorded so far. */
    public int steps() {
        return counter;
    }

    /** Fails when any recorded page had a serious or critical accessibility violation. */
    public void finish() {
        assertThat(problems).as("serious/critical axe-core violations").isEmpty();
    }
}
