package io.workerplatform.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import static io.workerplatform.db.Tables.API_KEYS;

import io.workerplatform.apikeys.ApiKeyStore;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.files.FileStore;
import io.workerplatform.gdpr.ExportStore;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.api.ApiProperties;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostFingerprint;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.WorkflowCallRecorder;
import io.workerplatform.signatures.CallbackTokens;
import io.workerplatform.signatures.SignatureStore;
import io.workerplatform.webhooks.SubscriptionStore;
import io.workerplatform.events.EventStore;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every route the host serves, read from Spring's handler mappings (a new route cannot be left
 * out), called without a token, with a revoked key, with another organization's key, and with a
 * key of the right organization but another organization's resource ids: 401, 401, 404 (403 for
 * admin-only routes), 404; and not one row changed.
 */
@HostTest
@org.springframework.context.annotation.Import(WorkflowCallRecorder.class)
class ApiSecurityTest {
  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.workers.task-queues", () -> "");
    registry.add("platform.relay.interval", () -> "1h");
    // under Tomcat's swallow size (2 MB), so an oversized test body is read to its end, not cut off
    registry.add("platform.api.max-body-size", () -> "1MB");
    // a file storage of its own: the fingerprint reads every file in it
    registry.add("platform.files.directory", () -> FILES.toString());
  }

  private static final java.nio.file.Path FILES = temporaryDirectory();

  private static java.nio.file.Path temporaryDirectory() {
    try {
      return java.nio.file.Files.createTempDirectory("api-security-files");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Value("${platform.db.schema}") String schema;
  @Autowired ApplicationContext context;
  @Autowired EventStore events;
  @Autowired SubscriptionStore subscriptions;
  @Autowired ContactStore contacts;
  @Autowired io.workerplatform.petitions.PetitionStore petitions;
  @Autowired FileStore files;
  @Autowired BulkSendStore bulkSends;
  @Autowired SignatureStore signatures;
  @Autowired ExportStore exports;
  @Autowired CallbackTokens callbackTokens;
  @Autowired ApiKeyStore keys;
  @Autowired io.workerplatform.members.MemberStore members;
  @Autowired io.workerplatform.notifications.NotificationStore notifications;
  @Autowired javax.sql.DataSource dataSource;
  @Autowired io.workerplatform.documents.DocumentStore documents;
  @Autowired io.workerplatform.webhooks.DeliveryBulkActionStore bulkActions;
  @Autowired io.workerplatform.files.FileStorage fileStorage;
  @Value("${platform.files.directory}") String filesDirectory;
  @Autowired WorkflowCallRecorder.WorkflowCalls workflowCalls;
  @Autowired io.workerplatform.profiles.ProfileStore profiles;
  @Autowired io.workerplatform.profiles.ProfilePropertyStore profileProperties;
  @Autowired io.workerplatform.screening.ScreeningStore screeningStore;
  @Autowired io.workerplatform.screening.ScreeningResults screeningResults;
  @Autowired io.workerplatform.imports.ImportUploads importUploads;
  @Autowired io.workerplatform.email.EmailRequestStore emailRequests;
  @Autowired io.workerplatform.filings.FilingStore filings;
  @Autowired io.workerplatform.compliance.ComplianceStore compliance;
  @Autowired io.workerplatform.reports.ReportStore reports;


  private Api admin;
  private Api orgA;
  private Api revoked;
  private String a;
  private String b;
  /** Resource kinds a route names that the set-up seeded nothing of: each must be added there. */
  private final java.util.Set<String> unknownKinds = new java.util.TreeSet<>();
  /** Ids of organization b's resources, by the path segment that names their collection. */
  private final Map<String, String> idsOfB = new HashMap<>();

  record Route(RequestMethod method, String pattern) {}

  @BeforeEach
  void twoOrganizations() {
    admin = Api.admin(port);
    a = "org-a-" + System.nanoTime();
    b = "org-b-" + System.nanoTime();
    orgA = admin.newOrganization(a);
    admin.newOrganization(b);
    String revokedKey = admin.newKey(a);
    String revokedId = admin.get("/api/orgs/" + a + "/api-keys").body().get("items").get(0).get("id").asString();
    assertThat(admin.delete("/api/orgs/" + a + "/api-keys/" + revokedId).status()).isEqualTo(204);
    revoked = admin.withToken(revokedKey);

    idsOfB.put("webhook-subscriptions", subscriptions.create(b, "https://example.com/h", List.of("petition.created")).id());
    idsOfB.put(
        "webhook-deliveries",
        events.store(new EventStore.NewEvent(b, "evt-" + b, "petition.created", "{}", null, null, null, null))
            .deliveryIds().get(0));
    idsOfB.put("events", "evt-" + b);
    List<String> contactIds = contacts.createContacts(b, List.of(new ContactStore.NewContact("x@example.com", "X", "en")));
    idsOfB.put("contacts", contactIds.get(0));
    String petition = petitions.create(b, "P").id();
    idsOfB.put("petitions", petition);
    String file = files.save(b, "f.pdf", "application/pdf", new byte[] {1}).id();
    idsOfB.put("files", file);
    idsOfB.put("bulk-sends", bulkSends.create(b, petition, "petition-invite", contactIds));
    idsOfB.put(
        "signature-requests",
        signatures.create(new SignatureStore.NewRequest(b, petition, file, "signaturit", contactIds, 3, 30)));
    idsOfB.put("exports", exports.create(b, null).id());
    idsOfB.put("documents", documents.add(b, contactIds.get(0), "passport", java.time.LocalDate.now().plusDays(100)).id());
    idsOfB.put("webhook-bulk-actions", bulkActions.create(
        b, idsOfB.get("webhook-subscriptions"), io.workerplatform.webhooks.DeliveryBulkActionWorkflow.REDELIVER_FAILED, null, null));
    idsOfB.put("api-keys", admin.get("/api/orgs/" + b + "/api-keys").body().get("items").get(0).get("id").asString());
    idsOfB.put("cron", "anonymizer");
    idsOfB.put("queues", "email");
    idsOfB.put(
        "members",
        members.create(b, new io.workerplatform.members.MemberStore.NewMember("m@example.com", "M", "ADMIN", "UTC", "en")).id());
    dsl.update(io.workerplatform.db.Tables.PETITIONS)
        .set(io.workerplatform.db.Tables.PETITIONS.CLOSES_AT, java.time.OffsetDateTime.now().plusDays(30))
        .where(io.workerplatform.db.Tables.PETITIONS.ID.eq(petition)).execute();
    idsOfB.put("scheduled-actions", "PETITION_CLOSE:" + petition);
    idsOfB.put("profiles", profiles.create(
        b, new io.workerplatform.profiles.ProfileStore.Fields("PERSON", "P", "DE", null, null, "bp-" + b)).id());
    idsOfB.put("screenings", screeningStore.create(b, List.of("pep"), List.of(idsOfB.get("profiles"))).id());
    screeningResults.record(b, idsOfB.get("profiles"), null, new io.workerplatform.screening.ScreeningProvider.Search(
        "s-" + b, null, "potential_match", "medium", 1,
        List.of(new io.workerplatform.screening.ScreeningProvider.Hit("hit-" + b, "X", List.of("pep")))));
    idsOfB.put("hits", "hit-" + b);
    var upload = importUploads.store(b, "c.csv", new java.io.ByteArrayInputStream("email,name\n".getBytes()));
    idsOfB.put("imports", ((io.workerplatform.imports.ImportUploads.Created) importUploads.create(b, "contacts", upload, null))
        .created().id());
    idsOfB.put("emails", emailRequests.create(new io.workerplatform.email.EmailRequestStore.NewEmail(
        b, contactIds.get(0), null, null, "document-expiry", "{}", null)).email().id());
    idsOfB.put("filings", filings.create(b, new io.workerplatform.filings.FilingStore.Fields(
        "VAT", "VAT", java.time.LocalDate.now().plusDays(20), null, List.of())).id());
    idsOfB.put("runs", compliance.start(b, "NIGHTLY").run().id());
    var schedule = reports.create(b, "usage", "MONTHLY", List.of(idsOfB.get("members")));
    idsOfB.put("report-schedules", schedule.id());
    idsOfB.put("reports", reports.claim(schedule, java.time.LocalDate.now().withDayOfMonth(1).minusMonths(1),
        java.time.LocalDate.now().withDayOfMonth(1)).id());
    idsOfB.put("properties", profileProperties.add(
        b, idsOfB.get("profiles"), "DOCUMENT", "Passport", java.time.LocalDate.now().plusDays(100)).id());
    notifications.create(
        new io.workerplatform.notifications.NotificationStore.About(
            b, "evt_internal_" + b, "evt-" + b, "petition.completed", petition, "Petition " + petition + " was completed"),
        Map.of(idsOfB.get("members"), List.of("IN_APP")));
    idsOfB.put("notifications", notifications.list(b, idsOfB.get("members"), false, 1, java.util.Optional.empty()).items().get(0).id());
    // The key's first use is written ("last used"); later ones within a minute are not.
    assertThat(orgA.get("/api/orgs/" + a + "/webhook-deliveries/none").status()).isEqualTo(404);
    workflowCalls.calls.clear(); // each test reads the calls it caused
  }

  @Test
  void everyRouteRefusesCallersWithoutAccessAndChangesNothing() {
    List<Route> routes = routes();
    assertThat(routes)
        .contains(
            new Route(RequestMethod.POST, "/api/orgs"),
            new Route(RequestMethod.GET, "/api/orgs/{orgId}/webhook-deliveries/{id}"),
            new Route(RequestMethod.GET, "/api/orgs/{orgId}/files/{id}"),
            new Route(RequestMethod.POST, "/api/cron/{name}/run"),
            new Route(RequestMethod.GET, "/actuator/info"));
    // a declared admin-only route that no longer exists is a stale rule
    org.springframework.util.AntPathMatcher matcher = new org.springframework.util.AntPathMatcher();
    for (AdminOnlyRoutes.AdminRoute declared : AdminOnlyRoutes.UNDER_ORGANIZATION) {
      assertThat(routes).as(declared + " is a route").anyMatch(route ->
          (declared.method() == null || declared.method().name().equals(route.method().name()))
              && matcher.match(declared.pattern(), route.pattern()));
    }
    String before = fingerprint();
    List<String> wrong = new ArrayList<>();

    for (Route route : routes) {
      boolean adminOnly = isAdminOnly(route);
      String ofB = path(route.pattern(), b);
      expect(wrong, route, "no token", Api.anonymous(port), ofB, 401);
      expect(wrong, route, "revoked key", revoked, ofB, 401);
      if (CATALOGUE.contains(route.pattern())) {
        continue; // any valid key reads it (catalogueRoutesAnswerAnyValidKey)
      }
      expect(wrong, route, "another organization's key", orgA, ofB, adminOnly ? 403 : 404);
      if (!adminOnly && route.pattern().startsWith("/api/orgs/{orgId}/") && VARIABLE.matcher(route.pattern()).results().count() > 1) {
        expect(wrong, route, "own organization, another's resource", orgA, path(route.pattern(), a), 404);
      }
    }

    assertThat(wrong).isEmpty();
    // every resource kind of every route has a seeded resource of another organization
    assertThat(unknownKinds).isEmpty();
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void theFingerprintSeesFilesAndWorkflowCalls() throws Exception {
    String before = fingerprint();
    fileStorage.write("fingerprint-probe", out -> out.write(1));
    String withFile = fingerprint();
    fileStorage.delete("fingerprint-probe");
    workflowCalls.calls.add("start probe");

    assertThat(withFile).isNotEqualTo(before);
    assertThat(fingerprint()).isNotEqualTo(before).isNotEqualTo(withFile);
    workflowCalls.calls.remove("start probe");
    assertThat(fingerprint()).isEqualTo(before);
    // and the recorder sees what the host really starts
    orgA.post("/api/orgs/" + a + "/events", "{\"id\":\"evt-probe\",\"type\":\"petition.created\"}");
    assertThat(workflowCalls.calls).anyMatch(call -> call.startsWith("start domain-event/" + a + "/"));
  }

  @Test
  void catalogueRoutesAnswerAnyValidKey() {
    Api.Response types = orgA.get("/api/event-types");

    assertThat(types.status()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    types.body().get("items").forEach(t -> names.add(t.get("type").asString()));
    assertThat(names)
        .contains("petition.completed", "signature.completed", "signature.declined", "signature.expired",
            "signature.cancelled", "signature.failed");
    assertThat(types.body().get("items").get(0).get("schema").get("type").asString()).isEqualTo("object");
  }

  @Test
  void anUnknownTokenIsRefusedWithAProblemAndAChallenge() {
    Api.Response response = Api.anonymous(port).withToken("wpk_guess").get("/api/orgs/" + a + "/exports/x");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("status").asInt()).isEqualTo(401);
    assertThat(response.body().get("detail").asString()).contains("Bearer");
  }

  @Test
  void anotherOrganizationsRoutesAnswerAsAnUnknownOrganizationWould() {
    Api.Response foreign = orgA.get("/api/orgs/" + b + "/exports/" + idsOfB.get("exports"));
    Api.Response unknown = orgA.get("/api/orgs/no-such-org/exports/" + idsOfB.get("exports"));
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.body().get("entity").asString()).isEqualTo("organization");
    assertThat(unknown.body().get("detail").asString()).isEqualTo("organization no-such-org not found");
    assertThat(foreign.body().get("detail").asString()).isEqualTo("organization " + b + " not found");
    // and within its own organization, another's resource is an unknown one
    Api.Response otherExport = orgA.get("/api/orgs/" + a + "/exports/" + idsOfB.get("exports"));
    Api.Response noExport = orgA.get("/api/orgs/" + a + "/exports/exp_none");
    assertThat(otherExport.status()).isEqualTo(404);
    assertThat(otherExport.body().get("detail").asString()).isEqualTo("export " + idsOfB.get("exports") + " not found");
    assertThat(noExport.body().get("detail").asString()).isEqualTo("export exp_none not found");
  }

  @Test
  void anEventIdIsOnlyEverKnownToItsOrganization() {
    String events = "/api/orgs/" + a + "/events";
    Api orgB = admin.withToken(admin.newKey(b));
    // b published this id in the set-up; a uses it too and learns nothing
    Api.Response ofA = orgA.post(events, "{\"id\":\"evt-" + b + "\",\"type\":\"contact.created\"}");

    assertThat(ofA.status()).isEqualTo(202);
    assertThat(ofA.body().get("eventId").asString()).isEqualTo("evt-" + b);
    assertThat(ofA.body().get("deliveryIds")).isEmpty();
    Api.Response again = orgB.post("/api/orgs/" + b + "/events", "{\"id\":\"evt-" + b + "\",\"type\":\"petition.created\"}");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("deliveryIds").get(0).asString()).isEqualTo(idsOfB.get("webhook-deliveries"));
  }

  @Test
  void childRowsNameTheOrganizationOfTheirParent() {
    // rows of b, written through the stores in the set-up
    assertThat(dsl.fetchCount(DSL.table(DSL.name(schema, "signature_signers")))).isPositive();
    for (String[] child : new String[][] {
        {"webhook_deliveries", "event_id", "domain_events"},
        {"webhook_subscription_event_types", "subscription_id", "webhook_subscriptions"},
        {"bulk_send_recipients", "bulk_send_id", "bulk_sends"},
        {"signature_signers", "signature_request_id", "signature_requests"}}) {
      String sql = "select count(*) from \"" + schema + "\"." + child[0] + " c join \"" + schema + "\"." + child[2]
          + " p on p.id = c." + child[1] + " where c.org_id is distinct from p.org_id";
      assertThat(dsl.fetchValue(sql)).as(child[0]).isEqualTo(0L);
      assertThat(dsl.fetchValue("select count(*) from \"" + schema + "\"." + child[0] + " where org_id = ?", b))
          .as(child[0] + " rows of b").isNotEqualTo(0L);
    }
  }

  @Test
  void healthShowsDetailsOnlyToTheAdmin() {
    Api.Response anonymous = Api.anonymous(port).get("/actuator/health");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body().get("status").asString()).isEqualTo("UP");
    assertThat(anonymous.body().has("components")).isFalse();
    assertThat(orgA.get("/actuator/health").body().has("components")).isFalse();
    assertThat(admin.get("/actuator/health").body().at("/components/db/status").asString()).isEqualTo("UP");
  }

  @Test
  void theRevocationListenerHoldsAConnectionOfItsOwnNotOneOfThePools() throws Exception {
    var pool = context.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class);
    assertThat(dsl.fetchCount(
            org.jooq.impl.DSL.table("pg_stat_activity"),
            org.jooq.impl.DSL.field("query", String.class).eq("LISTEN " + ApiKeyStore.REVOKED_CHANNEL)))
        .isGreaterThanOrEqualTo(1);
    // idle, the pool lends nothing out: before, the listener held one of its connections for good
    io.workerplatform.host.support.Eventually.await(
        () -> pool.getHikariPoolMXBean().getActiveConnections(), n -> n == 0, java.time.Duration.ofSeconds(10));
  }

  @Test
  void aKeyIsShownOnceStoredAsAHashAndRevokedAtOnce() {
    Api.Response created = admin.post("/api/orgs/" + a + "/api-keys", "{\"name\":\"ci\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asString();
    String key = created.body().get("key").asString();
    assertThat(key).startsWith("wpk_").hasSizeGreaterThanOrEqualTo(47);
    assertThat(dsl.fetchValue(API_KEYS.KEY_SHA256, API_KEYS.ID.eq(id))).isEqualTo(ApiKeyStore.sha256(key));
    assertThat(rowsHolding(key)).isZero();

    Api withKey = admin.withToken(key);
    assertThat(withKey.get("/api/orgs/" + a + "/exports/none").status()).isEqualTo(404);
    JsonNode listed = find(admin.get("/api/orgs/" + a + "/api-keys").body().get("items"), id);
    assertThat(listed.get("name").asString()).isEqualTo("ci");
    assertThat(listed.get("createdAt").isNull()).isFalse();
    OffsetDateTime lastUsed = dsl.fetchValue(API_KEYS.LAST_USED_AT, API_KEYS.ID.eq(id));
    assertThat(lastUsed).isNotNull();
    assertThat(OffsetDateTime.parse(listed.get("lastUsedAt").asString())).isEqualTo(lastUsed);
    withKey.get("/api/orgs/" + a + "/exports/none");
    assertThat(dsl.fetchValue(API_KEYS.LAST_USED_AT, API_KEYS.ID.eq(id))).isEqualTo(lastUsed);

    assertThat(withKey.post("/api/orgs/" + a + "/api-keys", "{\"name\":\"more\"}").status()).isEqualTo(403);
    assertThat(withKey.get("/api/orgs/" + a + "/api-keys").status()).isEqualTo(403);
    assertThat(admin.post("/api/orgs/" + a + "/api-keys", "{\"name\":\"\"}").body().get("field").asString()).isEqualTo("name");
    assertThat(admin.post("/api/orgs/no-such-org/api-keys", "{\"name\":\"x\"}").status()).isEqualTo(404);

    assertThat(admin.delete("/api/orgs/" + a + "/api-keys/" + id).status()).isEqualTo(204);
    assertThat(withKey.get("/api/orgs/" + a + "/exports/none").status()).isEqualTo(401);
    assertThat(admin.get("/api/orgs/" + a + "/api-keys").body().get("items").findValuesAsString("id")).doesNotContain(id);
    assertThat(admin.delete("/api/orgs/" + a + "/api-keys/" + id).status()).isEqualTo(404);
    assertThat(admin.delete("/api/orgs/" + b + "/api-keys/" + idsOfB.get("api-keys").replace("key_", "key_x")).status()).isEqualTo(404);
  }

  @Test
  void aDumpOfTheDatabaseHoldsNoSigningSecretApiKeyOrCallbackToken() {
    Api.Response subscription = orgA.post("/api/orgs/" + a + "/webhook-subscriptions",
        "{\"url\":\"https://example.com/hook\",\"eventTypes\":[\"petition.created\"]}");
    String secret = subscription.body().get("secret").asString();
    String key = admin.newKey(a);

    assertThat(secret).startsWith("whsec_");
    assertThat(rowsHolding(secret.substring("whsec_".length()))).isZero();
    assertThat(rowsHolding(key)).isZero();
    assertThat(rowsHolding(callbackTokens.tokenFor(idsOfB.get("signature-requests")))).isZero();
  }

  @Test
  void aKeyRevokedThroughOneHostStopsWorkingOnAnotherAtOnce() throws Exception {
    String key = admin.newKey(a);
    String id = admin.get("/api/orgs/" + a + "/api-keys").body().get("items").get(0).get("id").asString();
    // another host: its own cache, which would trust the key for an hour
    ApiTokens otherHost = new ApiTokens(
        AdminToken.resolve("admin-token-of-another-host-0123456789", "remote"), keys,
        new ApiProperties(null, Duration.ofHours(1), Duration.ofMinutes(1), null, null, null), System::nanoTime);
    RevocationListener listener = new RevocationListener(dataSource, otherHost);
    listener.start();
    try {
      Thread.sleep(500); // listening
      assertThat(otherHost.authenticate(key)).isPresent(); // looked up once, cached from now on

      assertThat(admin.delete("/api/orgs/" + a + "/api-keys/" + id).status()).isEqualTo(204);

      assertThat(Eventually.await(() -> otherHost.authenticate(key).isPresent(), present -> !present, Duration.ofSeconds(5)))
          .isFalse();
    } finally {
      listener.stop();
    }
  }

  private static JsonNode find(JsonNode items, String id) {
    for (JsonNode item : items) {
      if (item.get("id").asString().equals(id)) {
        return item;
      }
    }
    throw new AssertionError(id + " not listed in " + items);
  }

  /** Rows of any table whose text holds {@code secret}. */
  private int rowsHolding(String secret) {
    int rows = 0;
    for (String table : TestDatabase.tables(dsl, schema)) {
      rows += dsl.fetchCount(
          DSL.selectFrom(DSL.table(DSL.name(schema, table)))
              .where(DSL.cast(DSL.field(DSL.name(table)), String.class).contains(secret)));
    }
    return rows;
  }

  private void expect(List<String> wrong, Route route, String who, Api api, String path, int status) {
    HttpRequest.BodyPublisher body =
        route.method() == RequestMethod.GET || route.method() == RequestMethod.DELETE
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}");
    Api.Response response = api.send(route.method().name(), path, body, "content-type", "application/json");
    if (response.status() != status || !response.contentType().startsWith("application/problem+json")) {
      wrong.add(route + " " + who + " " + path + ": " + response.status() + " " + response.contentType() + " (expected " + status + ")");
    }
  }

  private String path(String pattern, String orgId) {
    Matcher m = VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String before = pattern.substring(0, m.start());
      String collection = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
      String value = m.group(1).equals("orgId") ? orgId : idsOfB.get(collection);
      if (value == null) {
        unknownKinds.add(collection + " (" + pattern + ")");
        value = "unknown-" + collection;
      }
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    return m.appendTail(path).toString();
  }

  /** Read-only catalogue routes (event types, the API's OpenAPI document): any valid token reads them. */
  static final List<String> CATALOGUE = List.of("/api/event-types", "/v3/api-docs");

  private static boolean isAdminOnly(Route route) {
    if (CATALOGUE.contains(route.pattern())) {
      return false;
    }
    if (!route.pattern().startsWith("/api/orgs/{orgId}")) {
      return true;
    }
    org.springframework.util.AntPathMatcher matcher = new org.springframework.util.AntPathMatcher();
    return AdminOnlyRoutes.UNDER_ORGANIZATION.stream().anyMatch(
        admin -> (admin.method() == null || admin.method().name().equals(route.method().name()))
            && matcher.match(admin.pattern(), route.pattern()));
  }

  @Test
  void anOrganizationsKeyCannotLiftItsOwnLimitsButReadsThem() {
    Api.Response lifted = orgA.put("/api/orgs/" + a + "/limits", "{\"emails\":null}");

    assertThat(lifted.status()).isEqualTo(403);
    assertThat(lifted.body().get("detail").asString()).isEqualTo("this route needs the admin token");
    assertThat(admin.put("/api/orgs/" + a + "/limits", "{\"emails\":5}").status()).isEqualTo(200);
    assertThat(orgA.put("/api/orgs/" + a + "/limits", "{\"emails\":null}").status()).isEqualTo(403);
    Api.Response usage = orgA.get("/api/orgs/" + a + "/usage");
    assertThat(usage.status()).isEqualTo(200);
    assertThat(usage.body().get("emails").get("limit").asLong()).isEqualTo(5);
  }

  /** Every route of every request-mapping handler mapping (controllers and actuator endpoints). */
  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        for (String pattern : info.getPatternValues()) {
          var methods = info.getMethodsCondition().getMethods();
          for (RequestMethod method : methods.isEmpty()
              ? List.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE)
              : methods) {
            Route route = new Route(method, pattern);
            if (!isPublic(route)) {
              routes.add(route);
            }
          }
        }
      }
    }
    return routes;
  }

  private static boolean isPublic(Route route) {
    return route.pattern().startsWith("/callbacks/")
        || route.pattern().equals("/error")
        // the console's own chain (a session, CSRF): ConsoleSecurityTest walks every one of its routes
        || route.pattern().startsWith("/console")
        // a report's signed link: ReportsEndToEndTest refuses every link the platform did not sign
        || (route.method() == RequestMethod.GET && route.pattern().startsWith("/links/reports/"))
        || (route.method() == RequestMethod.GET && route.pattern().startsWith("/actuator/health"));
  }

  private String fingerprint() {
    return HostFingerprint.of(dsl, schema, java.nio.file.Path.of(filesDirectory), workflowCalls);
  }
}
