package io.github.tweestap.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads of a {@code jcmd <pid> Thread.print}: each thread's name, state and frames, and whether it is an idle
 * pool thread (parked in its pool's queue, waiting for a task) or doing or waiting on something else.
 */
final class ThreadDump {

    private ThreadDump() {
    }

    record Entry(String name, String state, List<String> frames) {

        /**
         * Parked in its executor waiting for the next task: the top frames are the park itself and then the pool's
         * own task wait (JBoss threads' EnhancedQueueExecutor for Quarkus' workers, a ThreadPoolExecutor queue), with
         * no application frame above it.
         */
        boolean idleInPool() {
            boolean parked = !frames.isEmpty() && (frames.get(0).startsWith("jdk.internal.misc.Unsafe.park")
                    || frames.get(0).startsWith("sun.misc.Unsafe.park"));
            if (!parked) {
                return false;
            }
            for (String frame : frames.subList(0, Math.min(frames.size(), 8))) {
                if (frame.startsWith("org.jboss.threads.EnhancedQueueExecutor")
                        || frame.startsWith("java.util.concurrent.ThreadPoolExecutor.getTask")) {
                    return true;
                }
                if (!frame.startsWith("java.") && !frame.startsWith("jdk.") && !frame.startsWith("sun.")) {
                    return false;
                }
            }
            return false;
        }

        /** The state and the first frames that are not the JDK's (what it is busy with or blocked in). */
        String summary() {
            List<String> own = new ArrayList<>();
            String top = frames.isEmpty() ? "?" : frames.get(0);
            for (String frame : frames) {
                if (!frame.startsWith("java.") && !frame.startsWith("jdk.") && !frame.startsWith("sun.")) {
                    own.add(frame);
                    if (own.size() == 2) {
                        break;
                    }
                }
            }
            return state + ", " + top + (own.isEmpty() ? "" : " ← " + String.join(" ← ", own));
        }
    }

    static List<Entry> parse(String dump) {
        List<Entry> threads = new ArrayList<>();
        String name = null;
        String state = "?";
        List<String> frames = new ArrayList<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("\"")) {
                if (name != null) {
                    threads.add(new Entry(name, state, frames));
                }
                name = line.substring(1, line.indexOf('"', 1));
                state = "?";
                frames = new ArrayList<>();
            } else if (name != null && line.trim().startsWith("java.lang.Thread.State:")) {
                state = line.trim().substring("java.lang.Thread.State:".length()).trim();
            } else if (name != null && line.trim().startsWith("at ")) {
                String frame = line.trim().substring(3);
                int paren = frame.indexOf('(');
                frames.add(paren > 0 ? frame.substring(0, paren) : frame);
            }
        }
        if (name != null) {
            threads.add(new Entry(name, state, frames));
        }
        return threads;
    }
}
