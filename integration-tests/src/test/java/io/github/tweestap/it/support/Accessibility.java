package io.github.tweestap.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Runs axe-core (installed from npm by the build, see package.json) inside the page the browser shows and reports
 * the violations of impact "serious" or "critical" against WCAG 2.x A/AA rules.
 */
public final class Accessibility {

    private static volatile String script;

    private Accessibility() {
    }

    /** One violation: rule id, impact, help text and the CSS targets of the offending nodes. */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + ") at " + targets;
        }
    }

    /** The serious and critical violations on the current page (empty when the page passes). */
    public static List<Violation> seriousViolations(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {
                  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                  resultTypes: ['violations']
                }).then(r => done(r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.map(n => n.target.join(' '))
                })))).catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), targets: [] }]));
                """);
        List<Violation> out = new ArrayList<>();
        if (result instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                String impact = String.valueOf(m.get("impact"));
                if (!"serious".equals(impact) && !"critical".equals(impact)) {
                    continue;
                }
                List<String> targets = new ArrayList<>();
                if (m.get("targets") instanceof List<?> t) {
                    t.forEach(x -> targets.add(String.valueOf(x)));
                }
                out.add(new Violation(String.valueOf(m.get("id")), impact, String.valueOf(m.get("help")), targets));
            }
        } else {
            throw new IllegalStateException("axe-core returned " + result);
        }
        return out;
    }

    private static String axeSource() {
        String s = script;
        if (s == null) {
            Path path = Path.of(System.getProperty("tweestap.axe.script", "node_modules/axe-core/axe.min.js"));
            try {
                s = Files.readString(path);
            } catch (IOException e) {
                throw new IllegalStateException("axe-core not found at " + path + " (the build installs it with npm ci)", e);
            }
            script = s;
        }
        return s;
    }
}
