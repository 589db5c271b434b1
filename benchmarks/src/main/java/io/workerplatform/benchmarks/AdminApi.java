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

  /** POSTs {@code json} and returns the answer's body; anything but a 2xx fails the scenario. */
  public static String post(String url, String json) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("authorization", "Bearer " + HostProcess.ADMIN_TOKEN)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
