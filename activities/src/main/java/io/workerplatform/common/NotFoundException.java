package io.workerplatform.common;

/** A referenced entity does not exist: the API answers 404 naming it. */
public class NotFoundException extends RuntimeException {
  private final String entity;
  private final String id;

  public NotFoundException(String entity, String id) {
    super(entity + " " + id + " not found");
    this.entity = entity;
    this.id = id;
  }

  public String entity() {
    return entity;
  }

  public String id() {
    return id;
  }
}
