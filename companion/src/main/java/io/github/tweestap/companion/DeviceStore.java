package io.github.tweestap.companion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * Saves a {@link DeviceState} as a JSON file and loads it back. The file holds the private key and the TOTP secret:
 * where the file system knows POSIX permissions it is readable and writable by its owner only.
 *
 * <pre>{@code
 * {"version":1,"baseUrl":"…","deviceId":"…","name":"…","status":"active","username":"…",
 *  "privateKey":"<PKCS#8, base64>","publicJwk":{"kty":"EC","crv":"P-256","x":"…","y":"…"},
 *  "totp":{"secret":"…","digits":6,"period":30,"algorithm":"SHA1","issuer":"…","account":"…"}}
 * }</pre>
 */
public final class DeviceStore {

    public static final int VERSION = 1;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DeviceStore() {
    }

    /** Writes {@code state} to {@code file} (replacing it as a whole, never leaving half a file). */
    public static void save(Path file, DeviceState state) throws IOException {
        String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(state));
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        boolean posix = Files.getFileStore(dir == null ? absolute.getRoot() : dir)
                .supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes);
        try {
            Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                Files.setPosixFilePermissions(absolute, OWNER_ONLY);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a state written by {@link #save}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it is not a device state
     */
    public static DeviceState load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return fromJson(Json.read(text));
    }

    /** Deletes the file if it exists. */
    public static boolean delete(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }

    static ObjectNode toJson(DeviceState state) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("baseUrl", state.baseUrl() == null ? null : state.baseUrl().toString());
        root.put("deviceId", state.deviceId());
        root.put("name", state.name());
        root.put("status", state.status());
        root.put("username", state.username());
        root.put("privateKey", Base64.getEncoder().encodeToString(state.keys().privateKeyPkcs8()));
        root.set("publicJwk", Json.MAPPER.valueToTree(state.keys().jwk().toMap()));
        TotpParams totp = state.totp();
        if (totp == null) {
            root.putNull("totp");
        } else {
            ObjectNode t = root.putObject("totp");
            t.put("secret", totp.secret());
            t.put("digits", totp.digits());
            t.put("period", totp.period());
            t.put("algorithm", totp.algorithm());
            t.put("issuer", totp.issuer());
            t.put("account", totp.account());
        }
        return root;
    }

    static DeviceState fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Not a device state: not a JSON object");
        }
        int version = Json.integer(root, "version", -1);
        if (version != VERSION) {
            throw new IllegalArgumentException("Unsupported device state version: " + version);
        }
        String privateKey = Json.text(root, "privateKey");
        JsonNode jwkNode = root.get("publicJwk");
        if (privateKey == null || jwkNode == null || !jwkNode.isObject()) {
            throw new IllegalArgumentException("Device state without keys");
        }
        Jwk jwk = new Jwk(Json.text(jwkNode, "kty"), Json.text(jwkNode, "crv"), Json.text(jwkNode, "x"),
                Json.text(jwkNode, "y"));
        DeviceKeys keys = DeviceKeys.fromPkcs8(Base64.getDecoder().decode(privateKey), jwk);
        String baseUrl = Json.text(root, "baseUrl");
        String status = Json.text(root, "status");
        TotpParams totp = null;
        JsonNode t = root.get("totp");
        if (t != null && t.isObject()) {
            totp = new TotpParams(Json.text(t, "secret"), Json.integer(t, "digits", 6), Json.integer(t, "period", 30),
                    Json.text(t, "algorithm") == null ? "SHA1" : Json.text(t, "algorithm"),
                    Json.text(t, "issuer"), Json.text(t, "account"));
        }
        return new DeviceState(baseUrl == null ? null : URI.create(baseUrl), Json.text(root, "deviceId"),
                Json.text(root, "name"), status == null ? DeviceState.NEW : status, Json.text(root, "username"),
                keys, totp);
    }
}
