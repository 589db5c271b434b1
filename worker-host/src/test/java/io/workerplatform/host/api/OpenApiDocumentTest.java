package io.workerplatform.host.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.HostTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The REST API's OpenAPI document: served to any valid token, valid, and naming every route. */
@HostTest
class OpenApiDocumentTest {
  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void anyValidTokenReadsAValidDocumentOfEveryRouteWithItsSecurityAndProblemAnswers() {
    Api organization = Api.admin(port).newOrganization("org-" + System.nanoTime());
    Api.anonymous(port).get("/v3/api-docs").assertProblem(401, null);
    Api.Response read = organization.get("/v3/api-docs");
    assertThat(read.status()).isEqualTo(200);
    JsonNode document = read.body();

    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.toString(), null, new ParseOptions());
    assertThat(parsed.getMessages()).as("what the reference parser finds wrong").isEmpty();
    assertThat(document.get("openapi").asString()).startsWith("3.1");
    assertThat(document.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
    assertThat(document.get("security").get(0).has("bearer")).isTrue();

    List<String> missing = new ArrayList<>();
    for (String route : apiRoutes()) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
      String path = route.substring(route.indexOf(' ') + 1);
      JsonNode operation = document.get("paths").path(path).path(method);
      if (operation.isMissingNode()) {
        missing.add(route);
        continue;
      }
      assertThat(operation.get("responses").get("404").get("content").has("application/problem+json")).as(route).isTrue();
      assertThat(operation.get("responses").get("400").get("content").get("application/problem+json").get("schema")
          .get("$ref").asString()).as(route).isEqualTo("#/components/schemas/Problem");
    }
    assertThat(missing).as("routes missing from the document").isEmpty();

    // a list's shape: items and the next cursor
    JsonNode deliveries = document.get("paths").get("/api/orgs/{orgId}/webhook-deliveries").get("get");
    String listSchema = deliveries.get("responses").get("200").get("content").get("*/*").path("schema").path("$ref").asString("");
    if (listSchema.isEmpty()) {
      listSchema = deliveries.get("responses").get("200").get("content").get("application/json").get("schema").get("$ref").asString();
    }
    JsonNode page = document.get("components").get("schemas").get(listSchema.substring(listSchema.lastIndexOf('/') + 1));
    assertThat(page.get("properties").has("items")).isTrue();
    assertThat(page.get("properties").has("nextCursor")).isTrue();
    // a request's shape
    assertThat(document.get("paths").get("/api/orgs/{orgId}/events").get("post").has("requestBody")).isTrue();
    // a streamed upload's parts, though the route reads them itself
    JsonNode upload = document.get("paths").get("/api/orgs/{orgId}/imports").get("post").get("requestBody")
        .get("content").get("multipart/form-data").get("schema");
    JsonNode parts = upload.has("$ref")
        ? document.get("components").get("schemas").get(upload.get("$ref").asString().replaceAll(".*/", ""))
        : upload;
    assertThat(parts.get("properties").get("file").get("format").asString()).isEqualTo("binary");
    assertThat(parts.get("properties").has("kind")).isTrue();
  }

  /**
   * docs/starters.md's recipe: the document saved as a file, OpenAPI Generator's {@code java}
   * generator with library {@code native} (what its Maven plugin runs) generates a client with a
   * method per route, the list pages and the problem answer.
   */
  @Test
  void theDocumentGeneratesATypedClientAsTheStartersGuideSays(@TempDir Path dir) throws Exception {
    Api organization = Api.admin(port).newOrganization("org-" + System.nanoTime());
    Path spec = dir.resolve("worker-platform-api.json");
    Files.writeString(spec, organization.get("/v3/api-docs").body().toString());

    List<File> generated = new DefaultGenerator().opts(new CodegenConfigurator()
            .setInputSpec(spec.toString())
            .setGeneratorName("java")
            .setLibrary("native")
            .setOutputDir(dir.resolve("client").toString())
            .toClientOptInput())
        .generate();

    Map<String, String> sources = new TreeMap<>();
    for (File file : generated) {
      if (file.getName().endsWith(".java") && file.getPath().contains("/src/main/")) {
        sources.put(file.getName(), Files.readString(file.toPath()));
      }
    }
    assertThat(sources).containsKey("Problem.java");
    assertThat(sources.get("Problem.java")).contains("getDetail()");
    assertThat(sources.entrySet()).as("a list page with its items and next cursor")
        .anyMatch(e -> e.getKey().startsWith("Page") && e.getValue().contains("getNextCursor()")
            && e.getValue().contains("getItems()"));
    String apis = String.join("\n", sources.entrySet().stream()
        .filter(e -> e.getKey().endsWith("Api.java")).map(Map.Entry::getValue).toList());
    for (String path : List.of("/api/orgs/{orgId}/audit-log", "/api/orgs/{orgId}/events", "/api/orgs/{orgId}/webhook-deliveries")) {
      assertThat(apis).as(path).contains("\"" + path + "\"");
    }
  }

  /** Every route the host serves under /api, as "METHOD /path". */
  private List<String> apiRoutes() {
    List<String> routes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        for (String pattern : info.getPatternValues()) {
          if (!pattern.startsWith("/api/")) {
            continue;
          }
          for (RequestMethod method : info.getMethodsCondition().getMethods()) {
            routes.add(method + " " + pattern);
          }
        }
      }
    }
    assertThat(routes).hasSizeGreaterThan(50);
    return routes;
  }
}
