package io.workerplatform.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The scenarios' set-up calls to a host's REST API, with the admin token of every bench host. */
public final class AdminApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private AdminApi() {}

  /**
   * A request rate for the organization's keys that the scenarios never reach: they measure the
   * platform, not the per-key throttle (default 100/s per key and host).
   */
  public static final String BENCH_RATE = "{\"requestsPerSecond\":100000,\"burst\":1000000}";

  /** POSTs {@code json} and returns the answer's body; anything but a 2xx fails the scenario. */
  public static String post(String url, String json) throws IOException, InterruptedException {
    return send("POST", url, json);
  }

  /** Sets organization {@code orgId}'s key rate to {@link #BENCH_RATE}. */
  public static void unthrottled(String base, String orgId) throws IOException, InterruptedException {
    send("PUT", base + "/api/orgs/" + orgId + "/rate-limit", BENCH_RATE);
  }

  private static String send(String method, String url, String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("authorization", "Bearer " + HostProcess.ADMIN_TOKEN)
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
