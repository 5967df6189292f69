package io.github.tweestap.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Helpers for the tests that start a Keycloak (or the run command) of their own, beside the shared server: copying
 * trees, choosing the JARs in a distribution's {@code providers/}, running a process until it exits.
 */
public final class Distributions {

    private Distributions() {
    }

    /** The pack's JARs as the build assembled them (the one list: integration-tests/pom.xml). */
    public static List<Path> packJars() {
        return jars(Path.of(System.getProperty("tweestap.pack.dir")));
    }

    /** The test-only providers, which only the tests' own servers get. */
    public static List<Path> testOnlyJars() {
        return jars(Path.of(System.getProperty("tweestap.test.providers.dir")));
    }

    public static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of a distribution at {@code target} whose {@code providers/} holds exactly {@code providers}. */
    public static Path copyWithProviders(Path distribution, Path target, List<Path> providers) {
        try {
            deleteTree(target);
            copyTree(distribution, target, Set.of("data"));
            for (Path jar : jars(target.resolve("providers"))) {
                Files.delete(jar);
            }
            for (Path jar : providers) {
                Files.copy(jar, target.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a tree, leaving out directories with any of the given names. */
    public static void copyTree(Path source, Path target, Set<String> skipDirectories) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && skipDirectories.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The outcome of a process run until it exits (or was stopped at the timeout). */
    public record Exit(boolean exited, int code, String output) {
    }

    /** Runs a command until it exits, at most {@code timeout}; its output goes to {@code log} and is returned. */
    public static Exit runUntilExit(List<String> command, Path log, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                stop(process);
            }
            return new Exit(exited, exited ? process.exitValue() : -1, Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops a process and everything it started. */
    public static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
