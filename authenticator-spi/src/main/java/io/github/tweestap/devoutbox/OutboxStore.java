package io.github.tweestap.devoutbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dev outbox's storage: one JSON file per captured message under {@code <dir>/<realm id>/}. Files rather than
 * memory, so nothing lives in one node's heap, the outbox survives a restart of the dev server and a person can
 * look at it with any tool. Dev mode only; see {@link DevOutbox}.
 */
public final class OutboxStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final Path root;

    public OutboxStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public OutboxEntry add(String realmId, String channel, String to, String subject, String text, String html,
            long sentAtMillis) {
        String id = String.format("%015d-%s", sentAtMillis, UUID.randomUUID());
        OutboxEntry entry = new OutboxEntry(id, channel, to, subject, text, html, sentAtMillis);
        try {
            Path dir = realmDir(realmId);
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
            JSON.writeValue(tmp.toFile(), entry);
            Files.move(tmp, dir.resolve(id + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("dev outbox: could not store message", e);
        }
        return entry;
    }

    /** Newest first, at most {@code limit}. */
    public List<OutboxEntry> list(String realmId, int limit) {
        Path dir = realmDir(realmId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<OutboxEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .limit(limit).toList();
            for (Path file : sorted) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("dev outbox: could not list messages", e);
        }
        return entries;
    }

    public Optional<OutboxEntry> get(String realmId, String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = realmDir(realmId).resolve(id + ".json");
        return Files.isRegularFile(file) ? read(file) : Optional.empty();
    }

    private Optional<OutboxEntry> read(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), OutboxEntry.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path realmDir(String realmId) {
        if (realmId == null || !SAFE_ID.matcher(realmId).matches()) {
            throw new IllegalArgumentException("unexpected realm id");
        }
        return root.resolve(realmId);
    }
}
