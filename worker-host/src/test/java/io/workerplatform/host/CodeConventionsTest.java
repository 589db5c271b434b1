package io.workerplatform.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.Set;
import java.util.HashSet;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conventions of the platform's own code that the compiler cannot hold: checked over the main
 * sources of every module, so a new class that breaks one fails the build with its name.
 */
class CodeConventionsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> MODULES = List.of("workflows", "activities", "starters", "worker-host", "benchmarks");

  /** Relative path to source text, of every main Java file. */
  private static Map<String, String> mainSources() {
    var sources = new java.util.TreeMap<String, String>();
    for (String module : MODULES) {
      Path dir = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".java"))
            .forEach(f -> sources.put(ROOT.relativize(f).toString(), read(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> matching(Pattern pattern) {
    return mainSources().entrySet().stream()
        .filter(e -> pattern.matcher(e.getValue()).find())
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void theSourcesAreFound() {
    assertThat(mainSources()).containsKey("worker-host/src/main/java/io/workerplatform/host/WorkerHostApplication.java")
        .containsKey("activities/src/main/java/io/workerplatform/events/EventStore.java")
        .hasSizeGreaterThan(200);
  }

  @Test
  void jsonIsJackson3Only() {
    // Jackson 2 stays inside the Temporal SDK's data converter; its annotations package is
    // shared by Jackson 3 and allowed.
    assertThat(matching(Pattern.compile("com\\.fasterxml\\.jackson\\.(databind|core)"))).isEmpty();
  }

  @Test
  void theOnlyJsonMapperIsTheOneSpringConfigures() {
    // The starters build one only when the application has none (no Jackson auto-configuration).
    assertThat(matching(Pattern.compile("new ObjectMapper\\(|JsonMapper\\.builder\\(")))
        .containsExactly("starters/src/main/java/io/workerplatform/starters/PlatformStartersAutoConfiguration.java");
  }

  @Test
  void taskQueuesWorkflowTypesAndSignalsAreNamedByConstants() {
    assertThat(matching(Pattern.compile("setTaskQueue\\(\"|newWorker\\(\"|newUntypedWorkflowStub\\(\"|\\.signal\\(\"")))
        .isEmpty();
  }

  /**
   * Controllers (the REST API's {@code *Api} classes and the console's) map HTTP to a capability's
   * use-case service and back; none calls another controller (shared validation is in
   * {@code host.api.Validation} and the starters' {@code EventFields}).
   */
  @Test
  void noControllerUsesAnApiClass() {
    Pattern api = Pattern.compile("\\b([A-Z][A-Za-z]*Api)\\b");
    List<String> wrong = new java.util.ArrayList<>();
    mainSources().forEach((path, text) -> {
      String name = Path.of(path).getFileName().toString().replace(".java", "");
      boolean controller = name.endsWith("Api") || text.contains("@Controller") || text.contains("@RestController");
      if (!controller || !path.startsWith("worker-host/")) {
        return;
      }
      var used = api.matcher(text);
      while (used.find()) {
        String other = used.group(1);
        if (!other.equals(name) && !other.equals("RestApi")) {
          wrong.add(name + " uses " + other);
        }
      }
    });
    assertThat(wrong).isEmpty();
  }

  /**
   * A type is named by its import, not by its qualified name inline: only two types of one simple
   * name in one file (Spring's and jOOQ's {@code DataAccessException}) keep a qualified name.
   * Comments, strings, imports and annotations are not code here. A string is matched without
   * a group repeated per character (that recursed past the stack on a long span) and never across
   * a line end.
   */
  @Test
  void typesAreNamedByTheirImportUnlessTwoShareASimpleName() {
    Pattern qualified = Pattern.compile(
        "(?<![\\w.])((?:java|javax|jakarta|io|org|tools|software|com)\\.(?:[a-z_][a-z0-9_]*\\.)+)([A-Z]\\w*)");
    List<String> wrong = new ArrayList<>();
    mainSources().forEach((path, text) -> {
      Map<String, Set<String>> bySimpleName = new HashMap<>();
      List<String> found = new ArrayList<>();
      String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "").replaceAll("\"[^\"\\\\\n]*(?:\\\\.[^\"\\\\\n]*)*\"", "\"\"");
      for (String line : code.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("import ") || trimmed.startsWith("package ") || trimmed.startsWith("@")) {
          continue;
        }
        Matcher m = qualified.matcher(line);
        while (m.find()) {
          found.add(m.group(1) + m.group(2));
          bySimpleName.computeIfAbsent(m.group(2), n -> new HashSet<>()).add(m.group(1) + m.group(2));
        }
      }
      for (String name : found) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        Matcher imported = Pattern.compile("^import ([\\w.]+\\." + simple + ");", Pattern.MULTILINE).matcher(text);
        boolean clash = bySimpleName.get(simple).size() > 1 || (imported.find() && !imported.group(1).equals(name));
        if (!clash) {
          wrong.add(path + ": " + name);
        }
      }
    });
    assertThat(wrong).isEmpty();
  }
}
