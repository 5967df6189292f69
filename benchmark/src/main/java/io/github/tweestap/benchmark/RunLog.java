package io.github.tweestap.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What a benchmark run counts and notes as it goes (errors by kind, log lines), for its report. */
final class RunLog {

    private final String tag;
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    RunLog(String tag) {
        this.tag = tag;
    }

    void count(String error) {
        errors.computeIfAbsent(error, k -> new AtomicInteger()).incrementAndGet();
    }

    void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[" + tag + "] " + line);
        lines.add(line);
    }

    /** The errors as a Markdown table ("none" if there were none). */
    void errorsTable(StringBuilder md) {
        md.append("| error | count |\n|---|---:|\n");
        if (errors.isEmpty()) {
            md.append("| none | 0 |\n");
        }
        new TreeMap<>(errors).forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.get()).append(" |\n"));
    }

    /** The notes as the report's "Log" section. */
    void logSection(StringBuilder md) {
        md.append("\n## Log\n\n");
        synchronized (lines) {
            lines.forEach(l -> md.append("- ").append(l).append("\n"));
        }
    }
}
