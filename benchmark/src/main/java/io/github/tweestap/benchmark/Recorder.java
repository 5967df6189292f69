package io.github.tweestap.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects each login's time per flow and concurrency level, and the push approval → page release times. */
final class Recorder {

    record Stats(int ok, int errors, double mean, double p50, double p95, double p99) {
    }

    private final Map<String, ConcurrentLinkedQueue<Double>> ok = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Double>> errors = new ConcurrentHashMap<>();
    private final Map<Integer, ConcurrentLinkedQueue<Double>> pushRelease = new ConcurrentHashMap<>();
    private final List<String> loadSamples = Collections.synchronizedList(new ArrayList<>());

    static String key(Flow flow, int level) {
        return flow.name() + "@" + level;
    }

    void login(Flow flow, int level, double millis, boolean failed) {
        (failed ? errors : ok).computeIfAbsent(key(flow, level), k -> new ConcurrentLinkedQueue<>()).add(millis);
    }

    void pushRelease(int level, double millis) {
        pushRelease.computeIfAbsent(level, k -> new ConcurrentLinkedQueue<>()).add(millis);
    }

    void load(String sample) {
        loadSamples.add(sample);
    }

    List<String> loadSamples() {
        return List.copyOf(loadSamples);
    }

    Stats stats(Flow flow, int level) {
        return stats(ok.getOrDefault(key(flow, level), new ConcurrentLinkedQueue<>()),
                errors.getOrDefault(key(flow, level), new ConcurrentLinkedQueue<>()).size());
    }

    Stats pushStats(int level) {
        return stats(pushRelease.getOrDefault(level, new ConcurrentLinkedQueue<>()), 0);
    }

    private static Stats stats(ConcurrentLinkedQueue<Double> values, int errorCount) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Stats(0, errorCount, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Stats(sorted.size(), errorCount, mean, percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99));
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * Writes the Markdown report and an SVG chart. Logins/s per flow = completed logins that started in the level's
     * window / its seconds; "capacity" = level / mean login time (Little's law: what the node would serve if every
     * concurrent user ran this flow under the same mixed load), and the ratio compares that with the baseline.
     */
    void write(Path dir, String name, List<Integer> levels, int phaseSeconds, Map<String, String> header) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append(header.getOrDefault("title", "# Load benchmark")).append("\n\n");
        for (Map.Entry<String, String> e : header.entrySet()) {
            if (!e.getKey().equals("title")) {
                md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append("\n");
            }
        }
        md.append("\n![Capacity logins/s per flow and level](").append(name).append(".svg)\n\n");
        md.append("Gatling's own HTML report of the run (response times per request and per group, over time) is in"
                + " `benchmark/target/gatling/<run>/index.html` (not committed). \"logins/s (run)\" counts the logins"
                + " that started in the level's window; every flow gets one login in turn, so it is nearly the same for"
                + " all flows: compare the **capacity** (level ÷ mean login time) and its ratio to the baseline.\n\n");
        Map<String, Double> capacity = new TreeMap<>();
        for (int level : levels) {
            Stats base = stats(Flow.BASELINE, level);
            double baseCapacity = level * 1000.0 / base.mean();
            md.append("## ").append(level).append(level == 1 ? " concurrent user" : " concurrent users").append("\n\n");
            md.append("| flow | logins | errors | logins/s (run) | capacity logins/s | × baseline | mean ms | p50 ms | p95 ms | p99 ms |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Flow flow : Flow.values()) {
                Stats s = stats(flow, level);
                double cap = level * 1000.0 / s.mean();
                capacity.put(flow.ordinal() + "|" + level, cap);
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %s | %s | %s | %s | %s | %s |%n",
                        flow.label, s.ok(), s.errors(), s.ok() / (double) phaseSeconds, num(cap, "%.1f"),
                        num(cap / baseCapacity, "%.2f"), num(s.mean(), "%.0f"), num(s.p50(), "%.0f"),
                        num(s.p95(), "%.0f"), num(s.p99(), "%.0f")));
            }
            Stats push = pushStats(level);
            md.append(String.format(Locale.ROOT, "%nwerkplek push, phone's approval → page released (long-poll woken, form"
                    + " post answered with the redirect): n=%d, p50 %s ms, p95 %s ms, p99 %s ms.%n%n",
                    push.ok(), num(push.p50(), "%.0f"), num(push.p95(), "%.0f"), num(push.p99(), "%.0f")));
        }
        Files.writeString(dir.resolve(name + ".md"), md.toString());
        Files.writeString(dir.resolve(name + ".svg"), chart(levels, capacity));
    }

    private static String num(double value, String format) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, format, value);
    }

    /** Grouped bars: capacity logins/s per flow, one group per concurrency level. */
    private static String chart(List<Integer> levels, Map<String, Double> capacity) {
        double max = capacity.values().stream().filter(v -> !v.isNaN() && !v.isInfinite()).mapToDouble(v -> v).max()
                .orElse(1);
        int flows = Flow.values().length;
        int barW = 14;
        int groupW = flows * barW + 40;
        int width = 80 + levels.size() * groupW + 220;
        int height = 300;
        String[] colors = {"#555555", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height));
        svg.append("<text x=\"10\" y=\"16\" font-size=\"13\">Capacity logins/s (concurrency / mean login time) per flow</text>\n");
        int baseY = 250;
        int plotH = 200;
        svg.append(String.format(Locale.ROOT, "<line x1=\"60\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                baseY, 80 + levels.size() * groupW, baseY));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            int y = baseY - (int) (plotH * t / 4.0);
            svg.append(String.format(Locale.ROOT, "<text x=\"55\" y=\"%d\" text-anchor=\"end\">%.1f</text>"
                    + "<line x1=\"60\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", y + 4, v, y,
                    80 + levels.size() * groupW, y));
        }
        for (int l = 0; l < levels.size(); l++) {
            int x0 = 80 + l * groupW;
            for (Flow flow : Flow.values()) {
                Double v = capacity.get(flow.ordinal() + "|" + levels.get(l));
                double value = v == null || v.isNaN() || v.isInfinite() ? 0 : v;
                int h = (int) (plotH * value / max);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                        x0 + flow.ordinal() * barW, baseY - h, barW - 2, h, colors[flow.ordinal()]));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d concurrent</text>%n",
                    x0 + flows * barW / 2, baseY + 16, levels.get(l)));
        }
        int lx = 90 + levels.size() * groupW;
        for (Flow flow : Flow.values()) {
            int y = 40 + flow.ordinal() * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", lx, y, colors[flow.ordinal()], lx + 14, y + 9, flow.label));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }
}
