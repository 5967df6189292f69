package io.github.tweestap.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Part 3: reads the server's JFR recording of a load run ({@code -Dbench.jfr=true} writes
 * {@code benchmark/target/keycloak-load.jfr}) and prints where the CPU samples go: the share of all execution samples
 * that have a frame of the pack's code ({@code io.github.tweestap}) on their stack, the pack's methods ranked by
 * samples with them on the stack (inclusive) and the top frames (exclusive) of those samples.
 * {@code java -cp benchmark/target/classes io.github.tweestap.benchmark.JfrHotspots benchmark/target/keycloak-load.jfr
 * [top [from to]]}, with {@code from}/{@code to} ISO instants bounding the load phase (Gatling's start and end).
 */
public final class JfrHotspots {

    private JfrHotspots() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "benchmark/target/keycloak-load.jfr");
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        // Optional window (ISO instants, e.g. 2026-12-07T12:43:36Z): only the load phase, not the start or the seeding.
        java.time.Instant from = args.length > 2 ? java.time.Instant.parse(args[2]) : java.time.Instant.MIN;
        java.time.Instant to = args.length > 3 ? java.time.Instant.parse(args[3]) : java.time.Instant.MAX;
        System.out.print(hotspots(file, top, from, to));
    }

    /** The hotspots of {@code file} between {@code from} and {@code to} into {@code out} (the command's line first). */
    static void write(Path file, int top, java.time.Instant from, java.time.Instant to, Path out) throws IOException {
        String command = "java -cp benchmark/target/classes " + JfrHotspots.class.getName() + " " + file + " " + top + " "
                + from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + to.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.nio.file.Files.writeString(out, "# " + command + "\n\n" + hotspots(file, top, from, to));
    }

    static String hotspots(Path file, int top, java.time.Instant from, java.time.Instant to) throws IOException {
        StringBuilder out = new StringBuilder();
        long samples = 0;
        long packSamples = 0;
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> exclusive = new HashMap<>();
        Map<String, Long> allTop = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStartTime().isBefore(from)
                    || event.getStartTime().isAfter(to)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            allTop.merge(name(frames.get(0)), 1L, Long::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean pack = false;
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (name.startsWith("io.github.tweestap.") && seen.add(name)) {
                    inclusive.merge(name, 1L, Long::sum);
                    pack = true;
                }
            }
            if (pack) {
                packSamples++;
                exclusive.merge(name(frames.get(0)), 1L, Long::sum);
            }
        }
        out.append(String.format(java.util.Locale.ROOT, "execution samples: %d; with the pack's code on the stack: %d"
                + " (%.1f %%)%n", samples, packSamples, samples == 0 ? 0 : 100.0 * packSamples / samples));
        print(out, "pack methods, samples with the method on the stack (inclusive)", inclusive, samples, top);
        print(out, "top frames of the samples with the pack on the stack", exclusive, samples, top);
        print(out, "top frames of all samples", allTop, samples, top);
        return out.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(StringBuilder out, String title, Map<String, Long> counts, long samples, int top) {
        out.append("\n## ").append(title).append("\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "%6d  %5.1f %%  %s%n", e.getValue(),
                        100.0 * e.getValue() / samples, e.getKey())));
    }
}
