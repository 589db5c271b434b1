package io.workerplatform.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;

/**
 * Mustache templates, one folder per template: the application's at its configured location, then
 * the platform's on the classpath under {@code email-templates/}. A folder holds
 * {@code subject.mustache} and {@code text.mustache} (not escaped) and {@code html.mustache}
 * (HTML-escaped). Compiled once, then shared: compiled templates are thread-safe. A template may
 * have translations in subfolders named by language tag ({@code member-digest/de/...}): a
 * recipient's locale {@code de-AT} takes {@code de-AT}, then {@code de}, then the template itself.
 */
public final class EmailTemplates {
  private static final String ROOT = "email-templates/";
  private static final String CLASSPATH = "classpath:";
  public static final int MAX_NAME_LENGTH = 100;

  private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("");
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
  /** Only templates that exist: caching misses would let callers grow it with made-up names. */
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();
  /** Translations looked for and not found, so a common locale without one is not read again per message. */
  private final Set<String> missingTranslations = ConcurrentHashMap.newKeySet();
  private static final int MAX_MISSING_TRANSLATIONS = 1_000;
  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}");

  /** Where the templates are read from, in order: the application's location first, then the platform's. */
  private final List<Source> sources;

  /** The platform's templates only. */
  public EmailTemplates() {
    this(null);
  }

  /**
   * The application's templates at {@code location} ({@code classpath:mail/} or a directory,
   * {@code file:/etc/app/mail} or a plain path) and the platform's: a template of the same name
   * there replaces the platform's. Null or blank: the platform's only.
   *
   * @throws IllegalArgumentException when a directory location is not a readable directory
   */
  public EmailTemplates(String location) {
    List<Source> found = new ArrayList<>();
    if (location != null && !location.isBlank()) {
      found.add(source(location.strip()));
    }
    found.add(new ClasspathSource(ROOT));
    this.sources = List.copyOf(found);
  }

  private static Source source(String location) {
    if (location.startsWith(CLASSPATH)) {
      String root = location.substring(CLASSPATH.length()).replaceAll("^/+", "");
      return new ClasspathSource(root.isEmpty() || root.endsWith("/") ? root : root + "/");
    }
    Path directory = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
      throw new IllegalArgumentException(
          "platform.email.templates-location: " + location + " is not a readable directory");
    }
    return new DirectorySource(directory);
  }

  /** A place templates are read from: a part's text, or empty when it has none. */
  private interface Source {
    Optional<String> read(String folder, String part);
  }

  private record ClasspathSource(String root) implements Source {
    @Override
    public Optional<String> read(String folder, String part) {
      String path = root + folder + "/" + part + ".mustache";
      try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(path)) {
        return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }

  private record DirectorySource(Path root) implements Source {
    @Override
    public Optional<String> read(String folder, String part) {
      Path path = root.resolve(folder).resolve(part + ".mustache");
      try {
        return Files.isRegularFile(path) ? Optional.of(Files.readString(path)) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }

  public record RenderedEmail(String subject, String html, String text) {}

  private record Compiled(Template subject, Template html, Template text) {}

  /** How many templates are compiled and kept (only ones that exist). */
  int cachedTemplates() {
    return cache.size();
  }

  /** Whether a template of this name exists. */
  public boolean exists(String name) {
    return compiled(name).isPresent();
  }

  /**
   * Renders the template with {@code data}.
   *
   * @throws UnknownTemplateException when there is no such template
   */
  public RenderedEmail render(String name, Map<String, Object> data) {
    return render(name, null, data);
  }

  /** As {@link #render(String, Map)}, in the translation for {@code locale} where there is one. */
  public RenderedEmail render(String name, String locale, Map<String, Object> data) {
    Compiled template =
        translation(name, locale)
            .or(() -> compiled(name))
            .orElseThrow(() -> new UnknownTemplateException(name));
    return new RenderedEmail(
        template.subject().execute(data).strip(),
        template.html().execute(data),
        template.text().execute(data));
  }

  private Optional<Compiled> translation(String name, String locale) {
    if (locale == null || !LANGUAGE_TAG.matcher(locale).matches() || !exists(name)) {
      return Optional.empty();
    }
    for (String tag = locale; ; tag = tag.substring(0, tag.lastIndexOf('-'))) {
      String folder = name + "/" + tag.toLowerCase(Locale.ROOT);
      if (!missingTranslations.contains(folder)) {
        Optional<Compiled> found = load(folder);
        if (found.isPresent()) {
          return found;
        }
        if (missingTranslations.size() < MAX_MISSING_TRANSLATIONS) {
          missingTranslations.add(folder);
        }
      }
      if (tag.indexOf('-') < 0) {
        return Optional.empty();
      }
    }
  }

  private Optional<Compiled> compiled(String name) {
    if (name == null || name.length() > MAX_NAME_LENGTH || !name.matches("[a-z0-9-]+")) {
      return Optional.empty(); // also keeps names from walking out of the template folder
    }
    return load(name);
  }

  /** The template in {@code folder} (a name, or a name and a language tag), compiled once. */
  private Optional<Compiled> load(String folder) {
    // computeIfAbsent stores nothing when the function answers null: a miss is not cached.
    return Optional.ofNullable(
        cache.computeIfAbsent(
            folder,
            n -> {
              for (Source source : sources) {
                Optional<String> subject = source.read(n, "subject");
                Optional<String> htmlPart = source.read(n, "html");
                Optional<String> text = source.read(n, "text");
                if (subject.isPresent() && htmlPart.isPresent() && text.isPresent()) {
                  return new Compiled(
                      plain.compile(subject.get()), html.compile(htmlPart.get()), plain.compile(text.get()));
                }
              }
              return null;
            }));
  }

  /** No template of the requested name. */
  public static final class UnknownTemplateException extends RuntimeException {
    public UnknownTemplateException(String name) {
      super("unknown email template '" + name + "'");
    }
  }
}
