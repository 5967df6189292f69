package io.github.tweestap.companion.cli;

import io.github.tweestap.companion.Challenge;
import io.github.tweestap.companion.CompanionClient;
import io.github.tweestap.companion.CompanionException;
import io.github.tweestap.companion.DeviceState;
import io.github.tweestap.companion.DeviceStatus;
import io.github.tweestap.companion.DeviceStore;
import io.github.tweestap.companion.Enrollment;
import io.github.tweestap.companion.EnrollmentLink;
import io.github.tweestap.companion.Profile;
import io.github.tweestap.companion.QrLinks;
import io.github.tweestap.companion.Totp;
import io.github.tweestap.companion.TotpParams;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The companion command-line tool: {@code java -jar tweestap-companion-cli.jar [--store <file>] [--lang nl|en]
 * <command>}. Exit codes: 0 done, 1 failed (the server refused, no network, no device), 2 wrong usage.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final Duration WATCH_WAIT = Duration.ofSeconds(20);
    static final Duration RETRY_DEFAULT = Duration.ofSeconds(5);
    static final int MAX_NAME = 64;

    /** Sleeps between retries; replaced in tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private boolean interactive;
    private Messages messages;

    Main(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    Main clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    Main sleeper(Sleeper newSleeper) {
        this.sleeper = newSleeper;
        return this;
    }

    Main interactive(boolean value) {
        this.interactive = value;
        return this;
    }

    public static void main(String[] args) {
        int code = new Main(System.in, System.out, System.err).interactive(System.console() != null).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** A wrong command line: the message, then the usage, exit code 2. */
    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** An expected failure with a message for the user: exit code 1. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** Runs one command; returns the exit code. */
    int run(String[] args) {
        messages = Messages.of("nl");
        String store = null;
        String name = null;
        boolean help = false;
        List<String> positional = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--store":
                        store = value != null ? value : next(args, ++i, arg);
                        break;
                    case "--lang":
                        String lang = (value != null ? value : next(args, ++i, arg)).toLowerCase(Locale.ROOT);
                        if (!Messages.LANGUAGES.contains(lang)) {
                            throw new UsageException(messages.get("usage.badLanguage", lang));
                        }
                        messages = Messages.of(lang);
                        break;
                    case "--name":
                        name = value != null ? value : next(args, ++i, arg);
                        break;
                    case "--help":
                    case "-h":
                        help = true;
                        break;
                    default:
                        if (arg.startsWith("-") && arg.length() > 1) {
                            throw new UsageException(messages.get("usage.unknownOption", arg));
                        }
                        positional.add(args[i]);
                }
            }
            if (help || (!positional.isEmpty() && positional.get(0).equals("help"))) {
                out.println(usage());
                return OK;
            }
            if (positional.isEmpty()) {
                throw new UsageException(messages.get("usage.noCommand"));
            }
            Path storePath = store != null ? Path.of(store)
                    : Path.of(System.getProperty("user.home"), ".tweestap-companion.json");
            String command = positional.get(0);
            List<String> rest = positional.subList(1, positional.size());
            if (name != null && !command.equals("enroll")) {
                throw new UsageException(messages.get("usage.unknownOption", "--name"));
            }
            switch (command) {
                case "enroll":
                    arguments(rest, 1, "enroll <link|png>");
                    return enroll(storePath, rest.get(0), name);
                case "confirm":
                    arguments(rest, 1, "confirm <code>");
                    return confirm(storePath, rest.get(0));
                case "status":
                    arguments(rest, 0, "status");
                    return status(storePath);
                case "code":
                    arguments(rest, 0, "code");
                    return code(storePath);
                case "profile":
                    arguments(rest, 0, "profile");
                    return profile(storePath);
                case "unlink":
                    arguments(rest, 0, "unlink");
                    return unlink(storePath);
                case "watch":
                    arguments(rest, 0, "watch");
                    return watch(storePath);
                default:
                    throw new UsageException(messages.get("usage.unknownCommand", command));
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.println(usage());
            return USAGE;
        } catch (Failure e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (CompanionException e) {
            err.println(describe(e));
            return FAILED;
        } catch (UncheckedIOException e) {
            err.println(messages.get("error.network", networkReason(e.getCause())));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (RuntimeException e) {
            err.println(messages.get("error.unexpected", reason(e)));
            return FAILED;
        }
    }

    private static String next(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option);
        }
        return args[index];
    }

    private void arguments(List<String> rest, int count, String form) throws UsageException {
        if (rest.size() != count) {
            throw new UsageException(messages.get("usage.arguments", form));
        }
    }

    String usage() {
        return messages.get("usage");
    }

    // ---------------------------------------------------------------------------------------------- commands

    private int enroll(Path storePath, String argument, String name) throws Failure, UsageException {
        if (Files.exists(storePath)) {
            DeviceState existing = load(storePath);
            if (existing.isEnrolled() && !DeviceState.UNLINKED.equals(existing.status())) {
                throw new Failure(messages.get("enroll.alreadyEnrolled", storePath));
            }
        }
        String deviceName = name != null ? name : defaultDeviceName();
        if (deviceName.isBlank() || deviceName.length() > MAX_NAME) {
            throw new UsageException(messages.get("enroll.badName", MAX_NAME));
        }
        String link = argument;
        Path file = asFile(argument);
        if (file != null) {
            try {
                link = QrLinks.decode(file);
            } catch (IOException e) {
                throw new Failure(messages.get("enroll.qrUnreadable", file, reason(e)));
            } catch (IllegalArgumentException e) {
                throw new Failure(messages.get("enroll.qrUnreadable", file, e.getMessage()));
            }
        }
        EnrollmentLink parsed;
        try {
            parsed = EnrollmentLink.parse(link);
        } catch (IllegalArgumentException e) {
            throw new Failure(messages.get("enroll.badLink", link));
        }
        CompanionClient client = new CompanionClient();
        // Nothing is saved unless the server took the key.
        Enrollment enrollment = client.enroll(java.net.URI.create(link.trim()), deviceName);
        save(storePath, client.state());
        out.println(messages.get("enroll.sent", enrollment.codeLength(),
                enrollment.phoneHint() == null ? "?" : enrollment.phoneHint(), parsed.baseUrl()));
        out.println(messages.get("enroll.next", enrollment.codeLength()));
        return OK;
    }

    private int confirm(Path storePath, String code) throws Failure {
        CompanionClient client = client(storePath);
        DeviceStatus status = client.confirm(code.trim());
        save(storePath, client.state());
        printStatus(status, client.state());
        return OK;
    }

    private int status(Path storePath) throws Failure {
        CompanionClient client = client(storePath);
        DeviceStatus status = client.status();
        save(storePath, client.state());
        printStatus(status, client.state());
        return OK;
    }

    private void printStatus(DeviceStatus status, DeviceState state) {
        if (status.isActive()) {
            out.println(messages.get("status.active", state.username() == null ? "?" : state.username()));
            if (state.totp() != null) {
                out.println(messages.get("status.codesReady"));
            }
        } else if (status.isPending()) {
            out.println(messages.get("status.pending"));
        } else {
            out.println(messages.get("status.other", status.status()));
        }
    }

    private int code(Path storePath) throws Failure {
        DeviceState state = load(storePath);
        TotpParams totp = state.totp();
        if (totp == null) {
            throw new Failure(messages.get("code.none"));
        }
        Instant now = clock.instant();
        String code;
        try {
            code = Totp.code(totp, now);
        } catch (IllegalArgumentException e) {
            throw new Failure(messages.get("code.broken", e.getMessage()));
        }
        out.println(code);
        out.println(messages.get("code.secondsLeft", Totp.secondsLeft(now, totp.period())));
        return OK;
    }

    private int profile(Path storePath) throws Failure {
        CompanionClient client = client(storePath);
        Profile profile = client.profile();
        out.println(messages.get("profile.username", nz(profile.username())));
        String fullName = (nz(profile.firstName()) + " " + nz(profile.lastName())).trim();
        if (!fullName.isEmpty()) {
            out.println(messages.get("profile.name", fullName));
        }
        if (profile.email() != null) {
            out.println(messages.get("profile.email", profile.email()));
        }
        out.println(messages.get("profile.realm", nz(profile.realm())));
        if (profile.passwordExpiresInDays() == null) {
            out.println(messages.get("profile.passwordNoExpiry"));
        } else {
            out.println(messages.get("profile.passwordDays", profile.passwordExpiresInDays()));
            if (profile.passwordExpiresAt() != null) {
                out.println(messages.get("profile.passwordExpiresAt", format(profile.passwordExpiresAt())));
            }
        }
        return OK;
    }

    private int unlink(Path storePath) throws Failure {
        CompanionClient client = client(storePath);
        try {
            client.unlink();
        } catch (CompanionException e) {
            if (!e.is("unknown_device")) {
                throw e;
            }
            delete(storePath);
            out.println(messages.get("unlink.unknown"));
            return OK;
        }
        delete(storePath);
        out.println(messages.get("unlink.done"));
        return OK;
    }

    private int watch(Path storePath) throws Failure, InterruptedException {
        CompanionClient client = client(storePath);
        LineSource input = new LineSource(in, Charset.defaultCharset());
        Set<String> handled = new HashSet<>();
        out.println(messages.get("watch.waiting"));
        do {
            List<Challenge> challenges;
            try {
                challenges = client.poll(WATCH_WAIT);
            } catch (CompanionException e) {
                if (e.status() != 429) {
                    throw e;
                }
                Duration pause = retryAfter(e);
                out.println(messages.get("watch.slowDown", pause.getSeconds()));
                sleeper.sleep(pause);
                continue;
            } catch (UncheckedIOException e) {
                out.println(messages.get("watch.networkRetry", networkReason(e.getCause()), RETRY_DEFAULT.getSeconds()));
                sleeper.sleep(RETRY_DEFAULT);
                continue;
            }
            for (Challenge challenge : challenges) {
                if (handled.contains(challenge.id()) || challenge.isExpired(clock.instant())) {
                    continue;
                }
                if (!handle(client, challenge, input)) {
                    return OK; // end of input
                }
                handled.add(challenge.id());
            }
        } while (!input.exhausted());
        return OK;
    }

    /** The texts that differ between a login request and an unlock request. */
    private record Texts(String askApprove, String askNumber, String approved, String wrongNumberDenied,
                         String askReport, String reported, String denied, String closed) {
    }

    private static final Texts LOGIN_TEXTS = new Texts("challenge.askLogin", "challenge.askNumber",
            "challenge.approved", "challenge.wrongNumberDenied", "challenge.askReport", "challenge.reported",
            "challenge.denied", "challenge.closed");
    private static final Texts UNLOCK_TEXTS = new Texts("unlock.askUnlock", "unlock.askNumber", "unlock.approved",
            "unlock.wrongNumberDenied", "unlock.askReport", "unlock.reported", "unlock.denied", "unlock.closed");

    /** Asks about one challenge and answers it; false at end of input. */
    private boolean handle(CompanionClient client, Challenge c, LineSource input) throws InterruptedException {
        out.println();
        Texts texts;
        if (c.isUnlock()) {
            texts = UNLOCK_TEXTS;
            printUnlock(c);
        } else {
            texts = LOGIN_TEXTS;
            printLogin(c);
        }
        if (interactive) {
            input.discardPending(); // nothing typed before the question answers it
        }
        Boolean approve = askYesNo(input, texts.askApprove(), "challenge.yesNo");
        if (approve == null) {
            return false;
        }
        try {
            if (approve) {
                if (!c.numberRequired()) {
                    client.approve(c.id(), null);
                    out.println(messages.get(texts.approved()));
                    return true;
                }
                while (true) {
                    out.print(messages.get(texts.askNumber()) + " ");
                    out.flush();
                    String number = input.nextLine();
                    if (number == null) {
                        return false;
                    }
                    number = number.replaceAll("\\s", "");
                    if (!number.matches("\\d{1,10}")) {
                        out.println(messages.get("challenge.numberDigits"));
                        continue;
                    }
                    try {
                        client.approve(c.id(), number);
                        out.println(messages.get(texts.approved()));
                        return true;
                    } catch (CompanionException e) {
                        if (!e.is("wrong_number")) {
                            throw e;
                        }
                        if (e.attemptsLeft() != null && e.attemptsLeft() > 0) {
                            out.println(messages.get("challenge.wrongNumber", e.attemptsLeft()));
                        } else {
                            out.println(messages.get(texts.wrongNumberDenied()));
                            return true;
                        }
                    }
                }
            }
            Boolean report = askYesNo(input, texts.askReport(), "challenge.jn");
            if (report == null) {
                return false;
            }
            client.deny(c.id(), report);
            out.println(messages.get(report ? texts.reported() : texts.denied()));
            return true;
        } catch (CompanionException e) {
            if (e.is("challenge_closed") || e.is("unknown_challenge")) {
                out.println(messages.get(texts.closed()));
                return true;
            }
            if (e.is("unlock_not_allowed")) {
                // Approved, but the account is now locked for good and only an administrator may lift that.
                out.println(messages.get("unlock.notAllowed"));
                return true;
            }
            if (e.status() == 429) {
                Duration pause = retryAfter(e);
                out.println(messages.get("watch.slowDown", pause.getSeconds()));
                sleeper.sleep(pause);
                return true;
            }
            throw e;
        } catch (UncheckedIOException e) {
            out.println(messages.get("error.network", networkReason(e.getCause())));
            return true;
        }
    }

    /** Application, IP address, browser, operating system and time of a login request. */
    private void printLogin(Challenge c) {
        out.println(messages.get("challenge.title", nz(c.type())));
        out.println(messages.get("challenge.client", nz(c.client())));
        out.println(messages.get("challenge.ip", nz(c.ip())));
        out.println(messages.get("challenge.browser", nz(c.browser())));
        out.println(messages.get("challenge.os", nz(c.os())));
        out.println(messages.get("challenge.time", c.time() == null ? "?" : format(c.time())));
    }

    /** How many failed attempts locked the account, the last one's time and IP address, whether for good. */
    private void printUnlock(Challenge c) {
        String failures = c.failures() == null ? messages.get("unlock.failuresUnknown")
                : messages.get("unlock.failures", c.failures());
        out.println(messages.get(c.permanent() ? "unlock.titlePermanent" : "unlock.title", failures));
        String unknown = messages.get("unlock.unknown");
        out.println(messages.get("unlock.lastFailure", c.lastFailure() == null ? unknown : format(c.lastFailure())));
        out.println(messages.get("unlock.lastIp", c.lastIp() == null || c.lastIp().isBlank() ? unknown : c.lastIp()));
        out.println(messages.get("unlock.passwordStays"));
    }

    /** Asks until the answer is yes or no; null at end of input. */
    private Boolean askYesNo(LineSource input, String questionKey, String retryKey) throws InterruptedException {
        while (true) {
            out.print(messages.get(questionKey) + " ");
            out.flush();
            String line = input.nextLine();
            if (line == null) {
                out.println();
                return null;
            }
            switch (line.trim().toLowerCase(Locale.ROOT)) {
                case "ja":
                case "j":
                case "yes":
                case "y":
                    return true;
                case "nee":
                case "n":
                case "no":
                    return false;
                default:
                    out.println(messages.get(retryKey));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private CompanionClient client(Path storePath) throws Failure {
        DeviceState state = load(storePath);
        if (!state.isEnrolled()) {
            throw new Failure(messages.get("error.noDevice", storePath));
        }
        return new CompanionClient(state, CompanionClient.defaultHttpClient(), clock);
    }

    private DeviceState load(Path storePath) throws Failure {
        try {
            return DeviceStore.load(storePath);
        } catch (NoSuchFileException e) {
            throw new Failure(messages.get("error.noDevice", storePath));
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure(messages.get("error.storeUnreadable", storePath, reason(e)));
        }
    }

    private void save(Path storePath, DeviceState state) throws Failure {
        try {
            DeviceStore.save(storePath, state);
        } catch (IOException e) {
            throw new Failure(messages.get("error.storeUnwritable", storePath, reason(e)));
        }
    }

    private void delete(Path storePath) throws Failure {
        try {
            DeviceStore.delete(storePath);
        } catch (IOException e) {
            throw new Failure(messages.get("error.storeUnwritable", storePath, reason(e)));
        }
    }

    private static Path asFile(String argument) {
        if (argument.contains("://")) {
            return null;
        }
        try {
            Path path = Path.of(argument);
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String defaultDeviceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = null;
        }
        String name = host == null || host.isBlank() ? "Tweestap CLI" : "Tweestap CLI (" + host + ")";
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    private Duration retryAfter(CompanionException e) {
        Integer seconds = e.retryAfterSeconds();
        return seconds == null || seconds <= 0 ? RETRY_DEFAULT : Duration.ofSeconds(seconds);
    }

    /** A refusal in words: per error code where the texts have one, else generic. */
    String describe(CompanionException e) {
        String key = "error." + e.error();
        Object retry = e.retryAfterSeconds() == null ? "?" : e.retryAfterSeconds();
        Object attempts = e.attemptsLeft() == null ? "?" : e.attemptsLeft();
        if (messages.has(key)) {
            String text = messages.get(key, attempts, retry);
            if ((e.is("invalid_code") || e.is("wrong_number")) && e.attemptsLeft() != null) {
                text += " " + messages.get("error.attemptsLeft", e.attemptsLeft());
            }
            return text;
        }
        return messages.get("error.server", e.status(), e.error(), e.description() == null ? "" : e.description());
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(messages.locale())
                .withZone(ZoneId.systemDefault())
                .format(instant);
    }

    /** Why the server could not be reached, in words. */
    private String networkReason(Throwable e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return messages.get("reason.timeout");
        }
        if (e instanceof java.net.ConnectException) {
            return messages.get("reason.refused");
        }
        if (e instanceof java.net.UnknownHostException) {
            return messages.get("reason.unknownHost", nz(e.getMessage()));
        }
        if (e instanceof java.io.InterruptedIOException) {
            return messages.get("reason.interrupted");
        }
        return reason(e);
    }

    private static String reason(Throwable e) {
        if (e == null) {
            return "?";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
