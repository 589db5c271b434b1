package io.workerplatform.sap;

import io.workerplatform.common.LocalHttpServer;
import io.workerplatform.common.LocalHttpServer.Request;
import io.workerplatform.common.LocalHttpServer.Response;
import io.workerplatform.common.TestDatabase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local SAP Business Partner OData v2 service answering only what {@link SapClient} asks: {@code
 * GET /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner} with Basic authentication, the
 * watermark's {@code $filter} exactly as the client writes it, ordered by change and partner,
 * {@code $top}/{@code $skip}, as {@code {"d":{"results":[...]}}} with OData v2 dates.
 */
public final class FakeSap implements AutoCloseable {
  private static final Pattern FILTER = Pattern.compile(
      "LastChangeDate gt datetime'(\\d{4}-\\d{2}-\\d{2})T00:00:00' or \\(LastChangeDate eq datetime'\\1T00:00:00' "
          + "and LastChangeTime ge time'PT(\\d{2})H(\\d{2})M(\\d{2})S'\\)");

  /** A partner as SAP holds it. */
  public record BusinessPartner(
      String id, String category, String fullName, String firstName, String lastName, String organizationName,
      LocalDate changeDate, LocalTime changeTime, boolean blocked) {

    public static BusinessPartner person(String id, String first, String last, LocalDate date, LocalTime time) {
      return new BusinessPartner(id, "1", first + " " + last, first, last, null, date, time, false);
    }

    public static BusinessPartner company(String id, String name, LocalDate date, LocalTime time) {
      return new BusinessPartner(id, "2", name, null, null, name, date, time, false);
    }
  }

  public final List<BusinessPartner> partners = new CopyOnWriteArrayList<>();
  public final List<Request> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
  /** Answers as a server that ignores {@code $skip} would. */
  public volatile boolean ignoreSkip;
  private final String authorization;
  private final LocalHttpServer server;

  public FakeSap(String username, String password) {
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = LocalHttpServer.start(this::handle);
  }

  public String baseUrl() {
    return server.url("").replaceAll("/$", "");
  }

  /** The next {@code count} requests answer {@code status}. */
  public void failNext(int status, int count) {
    for (int i = 0; i < count; i++) {
      failures.add(status);
    }
  }

  /** A partner changes (its name, at a time): it replaces the one with its id. */
  public void change(BusinessPartner partner) {
    partners.removeIf(p -> p.id().equals(partner.id()));
    partners.add(partner);
  }

  private Response handle(Request request) {
    received.add(request);
    Integer failure = failures.poll();
    if (failure != null) {
      return Response.text(failure, "injected failure");
    }
    if (!authorization.equals(request.header("Authorization"))) {
      return Response.text(401, "Unauthorized");
    }
    if (!request.method().equals("GET") || !request.path().equals(SapClient.SERVICE)) {
      return Response.text(404, "Not found");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : (request.query() == null ? "" : request.query()).split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    if (!"json".equals(params.get("$format"))) {
      return Response.text(400, "$format=json is required");
    }
    List<BusinessPartner> matching = new ArrayList<>(partners);
    String filter = params.get("$filter");
    if (filter != null) {
      Matcher m = FILTER.matcher(filter);
      if (!m.matches()) {
        return Response.text(400, "unsupported $filter");
      }
      LocalDate day = LocalDate.parse(m.group(1));
      LocalTime time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      matching.removeIf(p -> !(p.changeDate().isAfter(day) || (p.changeDate().equals(day) && !p.changeTime().isBefore(time))));
    }
    matching.sort(Comparator.comparing(BusinessPartner::changeDate).thenComparing(BusinessPartner::changeTime)
        .thenComparing(BusinessPartner::id));
    int skip = ignoreSkip ? 0 : Integer.parseInt(params.getOrDefault("$skip", "0"));
    int top = Integer.parseInt(params.getOrDefault("$top", "1000"));
    List<Map<String, Object>> results = matching.stream().skip(skip).limit(top).map(FakeSap::odata).toList();
    return Response.of(200, "application/json",
        TestDatabase.JSON.writeValueAsBytes(Map.of("d", Map.of("results", results))));
  }

  private static Map<String, Object> odata(BusinessPartner p) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("BusinessPartner", p.id());
    row.put("BusinessPartnerCategory", p.category());
    row.put("BusinessPartnerFullName", p.fullName());
    row.put("FirstName", p.firstName() == null ? "" : p.firstName());
    row.put("LastName", p.lastName() == null ? "" : p.lastName());
    row.put("OrganizationBPName1", p.organizationName() == null ? "" : p.organizationName());
    row.put("LastChangeDate", "/Date(" + p.changeDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + ")/");
    row.put("LastChangeTime", String.format("PT%02dH%02dM%02dS", p.changeTime().getHour(), p.changeTime().getMinute(),
        p.changeTime().getSecond()));
    row.put("BusinessPartnerIsBlocked", p.blocked());
    return row;
  }

  @Override
  public void close() {
    server.close();
  }
}
