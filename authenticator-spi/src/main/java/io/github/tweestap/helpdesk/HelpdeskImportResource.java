package io.github.tweestap.helpdesk;

import io.github.tweestap.sms.PhonePolicy;
import io.github.tweestap.sms.SmsActions;
import io.github.tweestap.sms.VerifiedPhone;
import io.github.tweestap.support.LocalizedMessages;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * The migration import of the helpdesk page (issue 17, part 3; seed 001 moves people who already log in with SMS
 * codes), under {@code /admin/realms/<realm>/tweestap-helpdesk/import}. Only an administrator who may manage the realm's
 * users <em>and</em> holds the realm role {@value #ROLE} (which the realm declares) may use it; anyone else gets 403,
 * and numbers registered any other way stay unverified until the person confirms them with the SMS link.
 *
 * <p>A CSV file ({@link HelpdeskImportCsv}) is first checked as a whole in a dry run, which changes nothing and answers a
 * report per row (create, update or refused with the reason) and an import id. The real run sends the same file with
 * that id: the whole file is checked again, and when any row is refused nothing is imported (409 with the report);
 * otherwise every row is applied in the request's one transaction (all or nothing), the numbers are marked verified as
 * the SMS link marks them, and each created or updated account gets an admin event naming the import id and file. The
 * run reports its progress per batch of {@value #BATCH} rows through the cluster-wide single-use store, so the page can
 * show a progress bar while the request runs.
 */
public final class HelpdeskImportResource {

    /** The realm role that allows the import (together with manage-users for the realm). */
    public static final String ROLE = "tweestap-import";
    static final int BATCH = 25;
    private static final String KEY = "tweestap.helpdesk.import.";
    /** The field of an imported person's admin event representation that names the import (not a message key). */
    private static final String REPRESENTATION_IMPORT_ATTRIBUTE = "tweestapImport";
    private static final Logger LOG = Logger.getLogger(HelpdeskImportResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final HelpdeskImportSettings settings;
    private final SecureRandom random;

    HelpdeskImportResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent, HelpdeskImportSettings settings, SecureRandom random) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
        this.settings = settings;
        this.random = random;
    }

    /** Whether the caller may import: manage-users for the realm and the realm's role {@value #ROLE}. */
    static boolean allowed(RealmModel realm, AdminPermissionEvaluator auth) {
        if (!auth.users().canManage()) {
            return false;
        }
        AdminAuth admin = auth.adminAuth();
        RoleModel role = realm.getRole(ROLE);
        return role != null && admin != null && admin.getRealm() != null && admin.getUser() != null
                && admin.getRealm().getId().equals(realm.getId()) && admin.getUser().hasRole(role);
    }

    /** What the page needs to offer the import: the columns and the row limit. 403 without the permission. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response describe() {
        Response forbidden = requireAllowed();
        if (forbidden != null) {
            return forbidden;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("columns", HelpdeskImportCsv.expectedColumns(personnelAttribute()));
        body.put("maxRows", settings.maxRows());
        body.put("batch", BATCH);
        return Response.ok(body).build();
    }

    /** The dry run: checks the whole file and reports per row; changes nothing. 400 for a file refused as a whole. */
    @POST
    @Path("dry-run")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response dryRun(@QueryParam("file") String file, byte[] body) {
        Response forbidden = requireAllowed();
        if (forbidden != null) {
            return forbidden;
        }
        LocalizedMessages texts = texts();
        Plan plan = plan(body, texts);
        if (plan.problem() != null) {
            return plan.problem();
        }
        String id = newId();
        Map<String, String> record = new HashMap<>();
        record.put("admin", auth.adminAuth().getUser().getId());
        record.put("sha", sha256(body));
        record.put("file", fileName(file));
        session.getProvider(SingleUseObjectProvider.class).put(KEY + id, settings.dryRunTtlSeconds(), record);
        return Response.ok(report(id, file, plan, false)).build();
    }

    /**
     * The real run of a dry run's file ({@code id}: the dry run's import id; the same file again). Refused as a whole
     * (409, nothing changed) when the dry run is unknown, expired, used, by someone else or of another file, or when
     * any row is refused now; otherwise everything in one transaction.
     */
    @POST
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(@PathParam("id") String id, @QueryParam("file") String file, byte[] body) {
        Response forbidden = requireAllowed();
        if (forbidden != null) {
            return forbidden;
        }
        LocalizedMessages texts = texts();
        SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
        Map<String, String> record = validId(id) ? store.remove(KEY + id) : null;
        if (record == null || !auth.adminAuth().getUser().getId().equals(record.get("admin"))
                || !MessageDigest.isEqual(sha256(body).getBytes(StandardCharsets.US_ASCII),
                        record.getOrDefault("sha", "").getBytes(StandardCharsets.US_ASCII))) {
            return error(409, "dry_run_required", texts.get("tweestapHelpdeskImportDryRunFirst"));
        }
        Plan plan = plan(body, texts);
        if (plan.problem() != null) {
            return plan.problem();
        }
        if (plan.refused() > 0) {
            Map<String, Object> refused = report(id, file, plan, false);
            refused.put("error", "rows_refused");
            refused.put("errorMessage", texts.get("tweestapHelpdeskImportRefusedNothing", plan.refused()));
            return Response.status(409).entity(refused).type(MediaType.APPLICATION_JSON).build();
        }
        String name = fileName(record.get("file"));
        int done = 0;
        try {
            for (Entry entry : plan.entries()) {
                UserModel user;
                if (entry.action() == Action.CREATE) {
                    user = entry.profile().create();
                    user.setEnabled(true);
                } else {
                    entry.profile().update(false);
                    user = entry.existing();
                }
                VerifiedPhone.markVerified(user, entry.e164());
                Map<String, Object> representation = new LinkedHashMap<>();
                representation.put(REPRESENTATION_IMPORT_ATTRIBUTE, id);
                representation.put("file", name);
                representation.put("row", entry.row().line());
                representation.put("action", entry.action() == Action.CREATE ? "created" : "updated");
                representation.put("username", user.getUsername());
                representation.put("phoneNumber", VerifiedPhone.masked(entry.e164()));
                adminEvent.operation(entry.action() == Action.CREATE ? OperationType.CREATE : OperationType.UPDATE)
                        .resourcePath("users", user.getId()).representation(representation)
                        .detail("tweestap_step", entry.action() == Action.CREATE ? "import_created" : "import_updated")
                        .detail("tweestap_import", id).detail("tweestap_import_file", name)
                        .detail("tweestap_import_row", Integer.toString(entry.row().line()))
                        .detail("tweestap_phone_verified", "import").success();
                done++;
                if (done % BATCH == 0) {
                    store.putIfAbsent(KEY + id + ".done." + (done / BATCH), settings.dryRunTtlSeconds());
                }
            }
        } catch (ValidationException | ModelDuplicateException e) {
            // Someone changed an account between the check and this row: nothing of this import is kept.
            session.getTransactionManager().setRollbackOnly();
            LOG.infof("import %s of realm %s refused while applying: %s", id, realm.getName(), e.getMessage());
            return error(409, "changed_meanwhile", texts.get("tweestapHelpdeskImportChangedMeanwhile"));
        }
        LOG.infof("import %s of realm %s (%s): %d created, %d updated", id, realm.getName(), name,
                plan.count(Action.CREATE), plan.count(Action.UPDATE));
        return Response.ok(report(id, name, plan, true)).build();
    }

    /** How far a running import is: the rows applied so far (in batches of {@value #BATCH}). */
    @GET
    @Path("{id}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    public Response progress(@PathParam("id") String id) {
        Response forbidden = requireAllowed();
        if (forbidden != null) {
            return forbidden;
        }
        int batches = 0;
        if (validId(id)) {
            SingleUseObjectProvider store = session.getProvider(SingleUseObjectProvider.class);
            int limit = settings.maxRows() / BATCH + 1;
            while (batches < limit && store.contains(KEY + id + ".done." + (batches + 1))) {
                batches++;
            }
        }
        return Response.ok(Map.of("done", batches * BATCH)).build();
    }

    // ---------------------------------------------------------------- the check of a whole file

    enum Action {
        CREATE, UPDATE, REFUSED
    }

    record Entry(HelpdeskImportCsv.Row row, Action action, String e164, UserModel existing, UserProfile profile,
            String reason) {
    }

    record Plan(List<Entry> entries, Response problem) {
        long count(Action action) {
            return entries.stream().filter(e -> e.action() == action).count();
        }

        long refused() {
            return count(Action.REFUSED);
        }
    }

    private Plan plan(byte[] body, LocalizedMessages texts) {
        String personnel = personnelAttribute();
        if (body != null && body.length > settings.maxBytes()) {
            return new Plan(List.of(), error(400, "file_too_many_rows",
                    texts.get(HelpdeskImportCsv.Problem.TOO_MANY_ROWS.messageKey(), settings.maxRows())));
        }
        HelpdeskImportCsv.Parsed parsed = HelpdeskImportCsv.parse(body, personnel, settings.maxRows());
        if (!parsed.ok()) {
            String expected = String.join(";", HelpdeskImportCsv.expectedColumns(personnel));
            return new Plan(List.of(), error(400, "file_" + parsed.problem().name().toLowerCase(Locale.ROOT),
                    texts.get(parsed.problem().messageKey(), settings.maxRows(), expected)));
        }
        PhonePolicy phones = SmsActions.policy(realm).phonePolicy();
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        Map<String, Integer> seen = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (HelpdeskImportCsv.Row row : parsed.rows()) {
            entries.add(check(row, personnel, phones, profiles, seen, texts));
        }
        return new Plan(entries, null);
    }

    private Entry check(HelpdeskImportCsv.Row row, String personnel, PhonePolicy phones, UserProfileProvider profiles,
            Map<String, Integer> seen, LocalizedMessages texts) {
        if (row.malformed()) {
            return refused(row, texts.get("tweestapHelpdeskImportRowColumns"));
        }
        String username = row.get(HelpdeskImportCsv.USERNAME);
        String email = row.get(HelpdeskImportCsv.EMAIL);
        if (username.isEmpty() || email.isEmpty()) {
            return refused(row, texts.get("tweestapHelpdeskImportRowMissing"));
        }
        PhonePolicy.Result number = phones.check(row.get(HelpdeskImportCsv.PHONE));
        if (!number.ok()) {
            return refused(row, texts.get(phoneProblemKey(number.problem())));
        }
        String personnelNumber = personnel == null ? "" : row.get(personnel);
        // A row that repeats an earlier one (same username, e-mail address, number or personnel number).
        Map<String, String> keys = new LinkedHashMap<>();
        // Each value keyed by the message key of its column's name, for the refusal.
        keys.put("tweestapHelpdeskImportColumnUsername", "u:" + username.toLowerCase(Locale.ROOT));
        keys.put("tweestapHelpdeskImportColumnEmail", "e:" + email.toLowerCase(Locale.ROOT));
        keys.put("tweestapHelpdeskImportColumnPhone", "p:" + number.e164());
        if (!personnelNumber.isEmpty()) {
            keys.put("tweestapHelpdeskImportColumnPersonnel", "n:" + personnelNumber);
        }
        for (Map.Entry<String, String> key : keys.entrySet()) {
            Integer earlier = seen.get(key.getValue());
            if (earlier != null) {
                return refused(row, texts.get("tweestapHelpdeskImportRowDuplicate", Integer.toString(earlier),
                        texts.get(key.getKey())));
            }
        }
        keys.values().forEach(k -> seen.put(k, row.line()));

        UserModel existing = session.users().getUserByUsername(realm, username);
        UserModel byEmail = session.users().getUserByEmail(realm, email);
        if (byEmail != null && (existing == null || !byEmail.getId().equals(existing.getId()))) {
            return refused(row, texts.get("tweestapHelpdeskImportRowEmailTaken"));
        }
        if (someoneElse(VerifiedPhone.ATTRIBUTE, number.e164(), existing)) {
            return refused(row, texts.get("tweestapHelpdeskImportRowPhoneTaken"));
        }
        if (!personnelNumber.isEmpty() && someoneElse(personnel, personnelNumber, existing)) {
            return refused(row, texts.get("tweestapHelpdeskImportRowPersonnelTaken"));
        }
        if (existing != null && !auth.users().canManage(existing)) {
            return refused(row, texts.get("tweestapHelpdeskImportRowForbidden"));
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        if (existing != null) {
            existing.getAttributes().forEach((name, values) -> attributes.put(name, new ArrayList<>(values)));
        }
        attributes.put(UserModel.USERNAME, List.of(existing != null ? existing.getUsername() : username));
        attributes.put(UserModel.EMAIL, List.of(email));
        if (!personnelNumber.isEmpty()) {
            attributes.put(personnel, List.of(personnelNumber));
        }
        for (String name : new String[] {HelpdeskImportCsv.FIRST_NAME, HelpdeskImportCsv.LAST_NAME}) {
            String value = row.get(name);
            if (!value.isEmpty()) {
                attributes.put(name, List.of(value));
            }
        }
        UserProfile profile = existing == null ? profiles.create(UserProfileContext.USER_API, attributes)
                : profiles.create(UserProfileContext.USER_API, attributes, existing);
        try {
            profile.validate();
        } catch (ValidationException e) {
            ValidationException.Error first = e.getErrors().get(0);
            return refused(row, first.getFormattedMessage((key, args) -> texts.get(key, args)));
        }
        return new Entry(row, existing == null ? Action.CREATE : Action.UPDATE, number.e164(), existing, profile, null);
    }

    private boolean someoneElse(String attribute, String value, UserModel existing) {
        return session.users().searchForUserByUserAttributeStream(realm, attribute, value)
                .anyMatch(u -> existing == null || !u.getId().equals(existing.getId()));
    }

    private static String phoneProblemKey(PhonePolicy.Problem problem) {
        return switch (problem) {
            case MISSING -> "tweestapHelpdeskImportRowPhoneMissing";
            case NOT_MOBILE -> "tweestapHelpdeskImportRowPhoneNotMobile";
            case REGION_NOT_ALLOWED -> "tweestapHelpdeskImportRowPhoneRegion";
            default -> "tweestapHelpdeskImportRowPhoneInvalid";
        };
    }

    private static Entry refused(HelpdeskImportCsv.Row row, String reason) {
        return new Entry(row, Action.REFUSED, null, null, null, reason);
    }

    // ---------------------------------------------------------------- answers

    private Map<String, Object> report(String id, String file, Plan plan, boolean applied) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry entry : plan.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", entry.row().line());
            row.put("username", entry.row().get(HelpdeskImportCsv.USERNAME));
            row.put("email", entry.row().get(HelpdeskImportCsv.EMAIL));
            row.put("phoneNumber", entry.e164() != null ? entry.e164() : entry.row().get(HelpdeskImportCsv.PHONE));
            row.put("action", entry.action().name().toLowerCase(Locale.ROOT));
            if (entry.reason() != null) {
                row.put("reason", entry.reason());
            }
            rows.add(row);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("importId", id);
        report.put("file", fileName(file));
        report.put("applied", applied);
        report.put("total", plan.entries().size());
        report.put("create", plan.count(Action.CREATE));
        report.put("update", plan.count(Action.UPDATE));
        report.put("refused", plan.refused());
        report.put("rows", rows);
        return report;
    }

    private Response requireAllowed() {
        auth.users().requireManage();
        if (!allowed(realm, auth)) {
            return error(403, "import_not_allowed", texts().get("tweestapHelpdeskImportForbidden"));
        }
        return null;
    }

    private LocalizedMessages texts() {
        return LocalizedMessages.load(session, realm, session.getContext().resolveLocale(null));
    }

    private String personnelAttribute() {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        if (profiles == null || profiles.getConfiguration() == null) {
            return null;
        }
        return profiles.getConfiguration().getAttributes().stream().map(a -> a.getName())
                .filter(HelpdeskPageResource.PERSONNEL_ATTRIBUTES::contains).findFirst().orElse(null);
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean validId(String id) {
        return id != null && id.matches("[0-9a-f]{24}");
    }

    /** The file's name as the page sent it, for the report and the events: printable, at most 100 characters. */
    private static String fileName(String file) {
        if (file == null || file.isBlank()) {
            return "import.csv";
        }
        String clean = file.replaceAll("[\\p{Cntrl}/\\\\]", "_").trim();
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response error(int status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("errorMessage", message);
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
