package io.workerplatform.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mustache templates on the classpath, one folder per template under {@code email-templates/}:
 * {@code subject.mustache} and {@code text.mustache} (not escaped) and {@code html.mustache}
 * (HTML-escaped). Compiled once, then shared: compiled templates are thread-safe.
 */
public final class EmailTemplates {
  private static final String ROOT = "email-templates/";
  public static final int MAX_NAME_LENGTH = 100;

  private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("");
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
  /** Only templates that exist: caching misses would let callers grow it with made-up names. */
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

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
    Compiled template = compiled(name).orElseThrow(() -> new UnknownTemplateException(name));
    return new RenderedEmail(
        template.subject().execute(data).strip(),
        template.html().execute(data),
        template.text().execute(data));
  }

  private Optional<Compiled> compiled(String name) {
    if (name == null || name.length() > MAX_NAME_LENGTH || !name.matches("[a-z0-9-]+")) {
      return Optional.empty(); // also keeps names from walking out of the template folder
    }
    // computeIfAbsent stores nothing when the function answers null: a miss is not cached.
    return Optional.ofNullable(
        cache.computeIfAbsent(
            name,
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
