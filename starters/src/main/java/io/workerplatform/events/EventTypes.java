package io.workerplatform.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event types the platform knows, each with a JSON Schema (draft 2020-12) for its {@code
 * data}, from {@code event-types.json} on the class path and the capabilities' own declarations
 * ({@link DeclaredEventTypes}, same shape): what a publish is validated against and what {@code
 * GET /api/event-types} lists. A type declared twice is refused at start.
 */
public class EventTypes {
  public static final String RESOURCE = "event-types.json";

  /** A declared type: what it means and its data's schema. */
  public record EventType(String type, String description, JsonNode schema) {}

  /** Where the data breaks its schema: a field path ({@code data.petitionId}) and what is wrong. */
  public record Problem(String field, String message) {}

  private final Map<String, EventType> types = new LinkedHashMap<>();
  private final Map<String, Schema> schemas = new LinkedHashMap<>();

  public EventTypes(JsonMapper json) {
    this(json, List.of());
  }

  /** The platform's types and those {@code capabilities} declare. */
  public EventTypes(JsonMapper json, List<DeclaredEventTypes> capabilities) {
    this(json, open(RESOURCE));
    capabilities.forEach(c -> add(json, c.resource(), open(c.resource())));
  }

  EventTypes(JsonMapper json, InputStream declared) {
    add(json, RESOURCE, declared);
  }

  private static InputStream open(String resource) {
    InputStream in = EventTypes.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the class path");
    }
    return in;
  }

  private void add(JsonMapper json, String resource, InputStream declared) {
    JsonNode all;
    try (declared) {
      all = json.readTree(declared);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (Map.Entry<String, JsonNode> entry : all.properties()) {
      if (types.containsKey(entry.getKey())) {
        throw new IllegalStateException(resource + " declares " + entry.getKey() + ", which is declared already");
      }
      JsonNode schema = entry.getValue().required("schema");
      types.put(
          entry.getKey(),
          new EventType(entry.getKey(), entry.getValue().path("description").asString(""), schema));
      schemas.put(entry.getKey(), registry.getSchema(schema.toString()));
    }
  }

  public List<EventType> all() {
    return List.copyOf(types.values());
  }

  public boolean isDeclared(String type) {
    return types.containsKey(type);
  }

  /** The first way {@code data} breaks the type's schema; empty when it fits (or the type is undeclared). */
  public Optional<Problem> check(String type, JsonNode data) {
    Schema schema = schemas.get(type);
    if (schema == null) {
      return Optional.empty();
    }
    List<Error> errors = schema.validate(data);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Error first = errors.get(0);
    StringBuilder field = new StringBuilder("data");
    // A JSON pointer ("/signers/0/state"): properties become ".name", array indexes "[i]".
    for (String part : first.getInstanceLocation().toString().split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      field.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + part);
    }
    if (first.getProperty() != null && "required".equals(first.getKeyword())) {
      field.append('.').append(first.getProperty());
    }
    String message = first.getMessage();
    // The message starts with the location; the field names it already.
    int colon = message.indexOf(": ");
    return Optional.of(new Problem(field.toString(), colon >= 0 ? message.substring(colon + 2) : message));
  }
}
