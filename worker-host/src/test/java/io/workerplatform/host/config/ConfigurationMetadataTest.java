package io.workerplatform.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code platform.*} setting of application.yml is described in the configuration metadata
 * that the modules' jars carry (generated from their {@code @ConfigurationProperties} records by
 * spring-boot-configuration-processor, or written beside them for the few read otherwise), so an
 * IDE completes and documents each one.
 */
class ConfigurationMetadataTest {

  @Test
  void everyPlatformSettingIsDescribedInTheMetadataOfTheModulesJars() throws Exception {
    Set<String> described = new TreeSet<>();
    Set<String> maps = new TreeSet<>();
    List<String> withoutDescription = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
          String name = property.get("name").asString();
          if (!name.startsWith("platform.")) {
            continue;
          }
          described.add(name);
          if (property.path("type").asString("").startsWith("java.util.Map")) {
            maps.add(name);
          }
          if (property.path("description").asString("").isBlank()) {
            withoutDescription.add(name);
          }
        }
      }
    }
    Set<String> configured = new TreeSet<>();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.yml")) {
      for (Object document : new Yaml().loadAll(in)) {
        flatten("", document, configured);
      }
    }
    configured.removeIf(key -> !key.startsWith("platform."));
    // and every one the main sources read by name (@Value, Environment)
    java.util.regex.Pattern read = java.util.regex.Pattern.compile("(?:\\$\\{|getProperty\\(\")(platform\\.[a-z0-9.-]+)");
    for (java.nio.file.Path sources : List.of(java.nio.file.Path.of("src/main/java"), java.nio.file.Path.of("../starters/src/main/java"))) {
      try (var files = java.nio.file.Files.walk(sources)) {
        for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          java.util.regex.Matcher m = read.matcher(java.nio.file.Files.readString(file));
          while (m.find()) {
            configured.add(m.group(1));
          }
        }
      }
    }

    List<String> missing = configured.stream()
        .filter(key -> !described.contains(key))
        .filter(key -> maps.stream().noneMatch(map -> key.startsWith(map + ".")))
        .toList();
    assertThat(configured).hasSizeGreaterThan(60);
    assertThat(missing).isEmpty();
    assertThat(withoutDescription).isEmpty();
  }

  private static void flatten(String prefix, Object node, Set<String> keys) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, keys));
    } else {
      keys.add(prefix);
    }
  }
}
