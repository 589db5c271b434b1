package io.workerplatform.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;

/**
 * Mustache templates on the classpath, one folder per template under {@code email-templates/}:
 * {@code subject.mustache} and {@code text.mustache} (not escaped) and {@code html.mustache}
 * (HTML-escaped). Compiled once, then shared: compiled templates are thread-safe. A template may
 * have translations in subfolders named by language tag ({@code member-digest/de/...}): a
 * recipient's locale {@code de-AT} takes {@code de-AT}, then {@code de}, then the template itself.
 */
public final class EmailTemplates {
  private static final String ROOT = "email-templates/";
  public static final int MAX_NAME_LENGTH = 100;

  private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("");
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
  /** Only templates that exist: caching misses would let callers grow it with made-up names. */
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();
  /** Translations looked for and not found, so a common locale without one is not read again per message. */
  private final Set<String> missingTranslations = ConcurrentHashMap.newKeySet();
  private static final int MAX_MISSING_TRANSLATIONS = 1_000;
  private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}");

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
              Optional<String> subject = read(n, "subject");
              Optional<String> htmlPart = read(n, "html");
              Optional<String> text = read(n, "text");
              if (subject.isEmpty() || htmlPart.isEmpty() || text.isEmpty()) {
                return null;
              }
              return new Compiled(
                  plain.compile(subject.get()), html.compile(htmlPart.get()), plain.compile(text.get()));
            }));
  }

  private static Optional<String> read(String template, String part) {
    String path = ROOT + template + "/" + part + ".mustache";
    try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** No template of the requested name. */
  public static final class UnknownTemplateException extends RuntimeException {
    public UnknownTemplateException(String name) {
      super("unknown email template '" + name + "'");
    }
  }
}
