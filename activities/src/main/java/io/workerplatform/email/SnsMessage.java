package io.workerplatform.email;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Amazon SNS HTTP(S) message (notification or subscription confirmation), parsed strictly:
 * every field the signature covers must be present.
 */
public record SnsMessage(
    String type,
    String messageId,
    String topicArn,
    String subject,
    String message,
    String timestamp,
    String token,
    String subscribeUrl,
    String signatureVersion,
    String signature,
    String signingCertUrl) {

  public static final String NOTIFICATION = "Notification";
  public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  /**
   * @throws MalformedException naming the first field that is missing or wrong
   */
  public static SnsMessage parse(JsonMapper json, String body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedException("body", "is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new MalformedException("body", "must be a JSON object");
    }
    String type = text(root, "Type", true);
    boolean confirmation = SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
    if (!confirmation && !NOTIFICATION.equals(type)) {
      throw new MalformedException("Type", "must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
    }
    return new SnsMessage(
        type,
        text(root, "MessageId", true),
        text(root, "TopicArn", true),
        text(root, "Subject", false),
        text(root, "Message", true),
        text(root, "Timestamp", true),
        text(root, "Token", confirmation),
        text(root, "SubscribeURL", confirmation),
        text(root, "SignatureVersion", true),
        text(root, "Signature", true),
        text(root, "SigningCertURL", true));
  }

  private static String text(JsonNode root, String field, boolean required) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new MalformedException(field, "is required");
      }
      return null;
    }
    if (!value.isString()) {
      throw new MalformedException(field, "must be a string");
    }
    return value.asString();
  }

  /** The string SNS signs: the covered fields as name and value lines, in this order. */
  public String stringToSign() {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"Message", message});
    fields.add(new String[] {"MessageId", messageId});
    if (NOTIFICATION.equals(type)) {
      if (subject != null) {
        fields.add(new String[] {"Subject", subject});
      }
      fields.add(new String[] {"Timestamp", timestamp});
      fields.add(new String[] {"TopicArn", topicArn});
    } else {
      fields.add(new String[] {"SubscribeURL", subscribeUrl});
      fields.add(new String[] {"Timestamp", timestamp});
      fields.add(new String[] {"Token", token});
      fields.add(new String[] {"TopicArn", topicArn});
    }
    fields.add(new String[] {"Type", type});
    StringBuilder out = new StringBuilder();
    for (String[] field : fields) {
      out.append(field[0]).append('\n').append(field[1]).append('\n');
    }
    return out.toString();
  }

  /** A body that is not an SNS message; {@link #field()} names what is wrong. */
  public static final class MalformedException extends RuntimeException {
    private final String field;

    public MalformedException(String field, String problem) {
      super(field + " " + problem);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
