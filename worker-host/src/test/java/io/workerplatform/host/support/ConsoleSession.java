package io.workerplatform.host.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as the console meets it over HTTP: its session cookie, and the CSRF token of the last
 * form it read. Redirects are not followed, so a test sees them.
 */
public final class ConsoleSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final int port;
  private final String[] extraHeaders;
  private String cookie;
  private String csrf;

  /** @param extraHeaders name, value pairs sent with every request (X-Forwarded-Proto, say) */
  public ConsoleSession(int port, String... extraHeaders) {
    this.port = port;
    this.extraHeaders = extraHeaders;
  }

  public String cookie() {
    return cookie;
  }

  public String csrf() {
    return csrf;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public HttpResponse<String> post(String path, String form) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** A form post with the token of the last page read, as a browser submits it. */
  public HttpResponse<String> submit(String path) throws Exception {
    return post(path, "_csrf=" + csrf);
  }

  public HttpResponse<String> signIn(String token) throws Exception {
    get("/console/login");
    return post("/console/login", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf=" + csrf);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    if (cookie != null) {
      request.header("cookie", cookie);
    }
    if (extraHeaders.length > 0) {
      request.headers(extraHeaders);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    response.headers().firstValue("set-cookie").ifPresent(c -> cookie = c.split(";")[0]);
    Matcher token = CSRF.matcher(response.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return response;
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
