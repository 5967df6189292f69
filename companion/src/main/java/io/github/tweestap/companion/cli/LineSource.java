package io.github.tweestap.companion.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Standard input read line by line on a daemon thread, so that {@code watch} notices end of input between
 * polls without blocking on it.
 */
final class LineSource {

    private static final Object EOF = new Object();

    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    LineSource(InputStream in, Charset charset) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, charset))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // treated as end of input
            } finally {
                lines.add(EOF);
            }
        }, "tweestap-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next line, waiting for it; null at end of input. */
    String nextLine() throws InterruptedException {
        if (ended) {
            return null;
        }
        Object next = lines.take();
        if (next == EOF) {
            ended = true;
            return null;
        }
        return (String) next;
    }

    /** Whether the input has ended and every line has been taken. */
    boolean exhausted() {
        return ended || lines.peek() == EOF;
    }

    /** Drops the lines typed before now (keeps the end-of-input mark). */
    void discardPending() {
        Object next;
        while ((next = lines.peek()) != null && next != EOF) {
            lines.poll();
        }
    }
}
