package io.workerplatform.starters;

import io.workerplatform.email.EmailInsert;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the application's own emails from a Spring Boot API that shares the platform's database
 * (the old {@code enqueueEmail}): {@link #send} writes the request with the caller's transaction
 * and starts workflow {@code email/<id>} after the commit; if the process dies in between, the
 * platform's relay starts it. The address and the data stay in PostgreSQL: the workflow's input
 * is the ids. Which templates exist and whether a contact or member is the organization's is
 * checked by the host when it sends (an unknown one ends the email {@code FAILED} with the reason);
 * the shape of the request is checked here.
 */
public class Emails {
  private static final Logger log = LoggerFactory.getLogger(Emails.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern INSERT_PARAMETER = Pattern.compile("\\{([1-9][0-9]*)}");
  /** The shape of an address: one {@code @} between non-blank parts; SES and the host check the rest. */
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

  /** Whom: exactly one of a contact's id, a member's id, an address. */
  public record To(String contactId, String memberId, String address) {
    public static To contact(String id) {
      return new To(id, null, null);
    }

    public static To member(String id) {
      return new To(null, id, null);
    }

    public static To address(String address) {
      return new To(null, null, address);
    }
  }

  /**
   * One email. {@code data} is the template's {@code {{data.*}}} (null: none); {@code dedupeKey}
   * names it within the organization: sending the same key again sends nothing (null: every call
   * is a new email).
   */
  public record Email(String orgId, To to, String template, Map<String, ?> data, String dedupeKey) {}

  /** The email's id; {@code created} false when its dedupe key had been sent before (its id then). */
  public record Sent(String id, boolean created) {}

  /** A refused email: which field, and why. Nothing is written. */
  public static class InvalidEmailException extends IllegalArgumentException {
    private final String field;

    public InvalidEmailException(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final JdbcClient jdbc;
  private final String requests;
  private final String insert;
  private final EmailWorkflows workflows;
  private final JsonMapper json;

  /** @param schema the platform's database schema ({@code platform.db.schema}) */
  public Emails(JdbcClient jdbc, String schema, EmailWorkflows workflows, JsonMapper json) {
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema '" + schema + "' is not a plain schema name");
    }
    this.jdbc = jdbc;
    this.requests = schema + ".email_requests";
    this.insert = INSERT_PARAMETER.matcher(
            EmailInsert.TEMPLATE.replace("{0}", schema + ".email_messages").replace("{1}", requests))
        .replaceAll(":p$1");
    this.workflows = workflows;
    this.json = json;
  }

  /**
   * Writes the email in the current transaction (or on its own without one) and starts its
   * sending once that commits.
   *
   * @throws InvalidEmailException naming the field when the request is malformed (nothing written)
   */
  public Sent send(Email email) {
    String orgId = require("orgId", email.orgId(), ID);
    To to = email.to();
    if (to == null || countGiven(to) != 1) {
      throw new InvalidEmailException("to", "must give exactly one of contactId, memberId, address");
    }
    String contactId = to.contactId() == null ? null : require("to.contactId", to.contactId(), ID);
    String memberId = to.memberId() == null ? null : require("to.memberId", to.memberId(), ID);
    String address = to.address() == null ? null : require("to.address", to.address().strip(), ADDRESS);
    String template = require("template", email.template(), EmailInsert.TEMPLATE_NAME);
    String dedupeKey = email.dedupeKey() == null ? null : require("dedupeKey", email.dedupeKey(), EmailInsert.DEDUPE_KEY);
    String data = dataJson(email.data());
    String id = "eml_" + UUID.randomUUID().toString().replace("-", "");
    String key = EmailInsert.dedupeKey(orgId, dedupeKey == null ? id : dedupeKey);
    EmailInsert row = new EmailInsert(
        id, orgId, key, contactId, memberId, address, template, data, OffsetDateTime.now(ZoneOffset.UTC));
    StatementSpec statement = jdbc.sql(insert);
    List<Object> values = row.values();
    for (int i = 0; i < values.size(); i++) {
      statement = statement.param("p" + (i + 2), values.get(i));
    }
    Optional<String> inserted = statement.query(String.class).optional();
    if (inserted.isEmpty()) {
      String existing = jdbc.sql("select id from " + requests + " where dedupe_key = :key and org_id = :org")
          .param("key", key).param("org", orgId).query(String.class).single();
      return new Sent(existing, false); // sent before: its first send (or the relay) starts it
    }
    OutboxStart.afterCommit(jdbc, requests, id, () -> workflows.start(orgId, id), log,
        "Email " + id + " of organization " + orgId);
    return new Sent(id, true);
  }

  private String dataJson(Map<String, ?> data) {
    String text;
    try {
      text = data == null ? "{}" : json.writeValueAsString(data);
    } catch (JacksonException e) {
      throw new InvalidEmailException("data", "cannot be written as JSON");
    }
    if (text.length() > EmailInsert.MAX_DATA_CHARS) {
      throw new InvalidEmailException("data", "is larger than " + EmailInsert.MAX_DATA_CHARS + " characters of JSON");
    }
    return text;
  }

  private static int countGiven(To to) {
    return (to.contactId() == null ? 0 : 1) + (to.memberId() == null ? 0 : 1) + (to.address() == null ? 0 : 1);
  }

  private static String require(String field, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidEmailException(field, "must match " + pattern.pattern());
    }
    return value;
  }
}
