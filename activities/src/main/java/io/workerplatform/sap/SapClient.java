package io.workerplatform.sap;

import io.workerplatform.sap.SapException.Kind;
import io.workerplatform.webhooks.AddressGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SAP S/4HANA's Business Partner OData v2 API ({@code API_BUSINESS_PARTNER}, entity set {@code
 * A_BusinessPartner}), read with Basic authentication: the partners changed at or after a
 * watermark, oldest first ({@code LastChangeDate}, {@code LastChangeTime}, {@code
 * BusinessPartner}), a page at a time. The base URL is a tenant's choice of outbound HTTP: the
 * webhooks' SSRF guard checks it (https, public addresses) at the very connection, as it does for
 * webhooks, and redirects are not followed.
 */
public final class SapClient {
  public static final String SERVICE = "/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner";
  static final String FIELDS = "BusinessPartner,BusinessPartnerCategory,BusinessPartnerFullName,FirstName,LastName,"
      + "OrganizationBPName1,LastChangeDate,LastChangeTime,BusinessPartnerIsBlocked";
  private static final Pattern DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'00:00:00");

  /** Where and as whom to read an organization's partners. */
  public record Connection(URI baseUrl, String username, String password) {}

  /** The last change written: partners after it (in this order) are new. */
  public record Watermark(LocalDate date, LocalTime time, String partner) {
    /** Whether {@code p} comes after the watermark (a partner at the watermark itself is a duplicate). */
    public boolean before(Partner p) {
      int byDate = p.changeDate().compareTo(date);
      if (byDate != 0) {
        return byDate > 0;
      }
      int byTime = p.changeTime().compareTo(time);
      return byTime != 0 ? byTime > 0 : p.id().compareTo(partner) > 0;
    }

    public static Watermark of(Partner p) {
      return new Watermark(p.changeDate(), p.changeTime(), p.id());
    }
  }

  /** A business partner as the sync reads it; category 1 a person, 2 an organization. */
  public record Partner(
      String id, String category, String fullName, String firstName, String lastName, String organizationName,
      LocalDate changeDate, LocalTime changeTime, boolean blocked) {}

  private final CloseableHttpClient http;
  private final AddressGuard guard;
  private final JsonMapper json;

  public SapClient(AddressGuard guard, Duration timeout, JsonMapper json) {
    this(guard, timeout, json, InetAddress::getAllByName);
  }

  public SapClient(AddressGuard guard, Duration timeout, JsonMapper json, AddressGuard.Lookup lookup) {
    this.guard = guard;
    this.json = json;
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(guard.resolver(lookup))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(timeout)).setSocketTimeout(Timeout.of(timeout)).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.of(timeout)).setConnectionRequestTimeout(Timeout.of(timeout)).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .setUserAgent("worker-platform-sap")
        .build();
  }

  /**
   * Up to {@code top} partners changed at or after the watermark's instant ({@code ge}; null:
   * all), oldest first, skipping the first {@code skip}. The caller drops those at or before the
   * watermark itself.
   */
  public List<Partner> changes(Connection connection, Watermark since, int top, int skip) {
    StringBuilder query = new StringBuilder("?$format=json")
        .append("&$select=").append(encode(FIELDS))
        .append("&$orderby=").append(encode("LastChangeDate asc,LastChangeTime asc,BusinessPartner asc"))
        .append("&$top=").append(top)
        .append("&$skip=").append(skip);
    if (since != null) {
      String day = "datetime'" + since.date().format(DAY) + "'";
      String time = "time'" + odataTime(since.time()) + "'";
      query.append("&$filter=").append(encode(
          "LastChangeDate gt " + day + " or (LastChangeDate eq " + day + " and LastChangeTime ge " + time + ")"));
    }
    String base = connection.baseUrl().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + SERVICE + query);
    guard.schemeRefusal(uri).ifPresent(refusal -> {
      throw new SapException(Kind.PERMANENT, "SAP base URL " + refusal, null);
    });
    HttpGet request = new HttpGet(uri);
    String credentials = connection.username() + ":" + connection.password();
    request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    request.setHeader("Accept", "application/json");
    byte[] body;
    int status;
    try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
      status = response.getCode();
      body = response.getEntity() == null ? new byte[0] : response.getEntity().getContent().readAllBytes();
    } catch (AddressGuard.RefusedAddressException e) {
      throw new SapException(Kind.PERMANENT, "SAP base URL " + e.getMessage(), null);
    } catch (UnknownHostException e) {
      throw new SapException(Kind.TRANSIENT, "SAP partners: host does not resolve", e);
    } catch (IOException e) {
      throw new SapException(Kind.TRANSIENT, "SAP partners: " + e.getClass().getSimpleName(), e);
    }
    if (status == 401 || status == 403) {
      throw new SapException(Kind.UNAUTHORIZED, "SAP partners: HTTP " + status, null);
    }
    if (status < 200 || status >= 300) {
      boolean transientFailure = status >= 500 || status == 429 || status == 408;
      throw new SapException(transientFailure ? Kind.TRANSIENT : Kind.PERMANENT, "SAP partners: HTTP " + status, null);
    }
    return partners(body);
  }

  private List<Partner> partners(byte[] body) {
    JsonNode results;
    try {
      results = json.readTree(body).path("d").path("results");
    } catch (JacksonException e) {
      throw new SapException(Kind.PERMANENT, "SAP partners: the answer is not JSON", null);
    }
    if (!results.isArray()) {
      throw new SapException(Kind.PERMANENT, "SAP partners: the answer has no d.results", null);
    }
    List<Partner> partners = new ArrayList<>();
    for (JsonNode r : results) {
      partners.add(new Partner(
          text(r, "BusinessPartner"), text(r, "BusinessPartnerCategory"), text(r, "BusinessPartnerFullName"),
          text(r, "FirstName"), text(r, "LastName"), text(r, "OrganizationBPName1"),
          date(text(r, "LastChangeDate")), time(text(r, "LastChangeTime")),
          r.path("BusinessPartnerIsBlocked").asBoolean(false)));
    }
    return partners;
  }

  private static String text(JsonNode row, String field) {
    JsonNode value = row.path(field);
    return value.isNull() || value.isMissingNode() || value.asString().isBlank() ? null : value.asString().strip();
  }

  /** {@code /Date(1733011200000)/}, OData v2's JSON form of an {@code Edm.DateTime}. */
  static LocalDate date(String value) {
    Matcher m = value == null ? null : DATE.matcher(value);
    if (m == null || !m.matches()) {
      return null;
    }
    return Instant.ofEpochMilli(Long.parseLong(m.group(1))).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** {@code PT10H15M30S}, OData v2's JSON form of an {@code Edm.Time}. */
  static LocalTime time(String value) {
    if (value == null) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.ofSecondOfDay(Duration.parse(value).getSeconds() % 86_400);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code PT10H05M00S}: an {@code Edm.Time} literal. */
  static String odataTime(LocalTime time) {
    return String.format("PT%02dH%02dM%02dS", time.getHour(), time.getMinute(), time.getSecond());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
