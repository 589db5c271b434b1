package io.workerplatform.events;

/**
 * A capability's own event types, registered as a bean: {@code resource} is a class-path
 * resource shaped like {@code event-types.json} (type to {@code description} and {@code schema}).
 * The host's {@link EventTypes} declares them beside the platform's, so a new capability's
 * events are listed, validated and can notify without editing the platform's catalogue.
 */
public record DeclaredEventTypes(String resource) {}
