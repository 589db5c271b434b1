package io.workerplatform.host.db;

/**
 * The migrations a capability brings from outside the platform's own ({@code activities}'
 * {@code db/migration}), registered as a bean: Flyway runs them after the platform's, in the same
 * schema, with a history of their own ({@code flyway_history_<name>}), so their versions never
 * meet the platform's or another capability's. docs/extending.md walks through one.
 *
 * @param name a short lower-case name, {@code [a-z][a-z0-9_]{0,40}}
 * @param location where its migrations are, such as {@code classpath:db/capabilities/kyc}
 */
public record CapabilitySchema(String name, String location) {
  public CapabilitySchema {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("a capability schema's name is [a-z][a-z0-9_]{0,40}, not " + name);
    }
  }
}
