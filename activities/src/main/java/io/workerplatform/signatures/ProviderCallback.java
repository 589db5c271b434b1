package io.workerplatform.signatures;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider callback reduced to what the workflow acts on: the signal it becomes ({@code null}
 * when it is only recorded), the provider's handle of the signer it concerns, and a reason.
 */
public record ProviderCallback(
    String type, String processId, String signal, String signerRef, String reason) {

  public static final String SIGNED = "signed";
  public static final String COMPLETED = "completed";
  public static final String DECLINED = "declined";
  public static final String EXPIRED = "expired";
  public static final String ERROR = "error";

  /** A callback body that cannot be used; the message names the missing or bad field. */
  public static class MalformedCallback extends RuntimeException {
    public MalformedCallback(String message) {
      super(message);
    }
  }

  static JsonNode parse(JsonMapper json, byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedCallback("body is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedCallback("body is not a JSON object");
    }
    return node;
  }

  static String required(JsonNode node, String path) {
    JsonNode value = node;
    for (String part : path.split("\\.")) {
      value = value.path(part);
    }
    if (!value.isValueNode() || value.asString().isBlank()) {
      throw new MalformedCallback(path + " is required");
    }
    return value.asString();
  }
}
