package io.workerplatform.email;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one definition of how an application's email request is written: its message {@code
 * QUEUED} (recipient and template) and its request (the template's data), in one statement. Two
 * writers use it: the host's API (jOOQ) and the starters' {@code Emails} (Spring's {@code
 * JdbcClient} in the caller's transaction), which cannot depend on the host's classes.
 *
 * <p>A message whose key exists already is left as it is and no request is written: the statement
 * then returns nothing, and the writer looks up the request that holds the key.
 *
 * @param dedupeKey the message's key, {@link #dedupeKey(String, String)}
 * @param contactId the recipient when it is a contact; else null
 * @param memberId the recipient when it is a member; else null
 * @param address the recipient when it is given directly; else null
 * @param dataJson the template's data: a JSON object
 */
public record EmailInsert(
    String id, String orgId, String dedupeKey, String contactId, String memberId, String address, String template,
    String dataJson, OffsetDateTime now) {

  /** The longest dedupe key an application may give. */
  public static final int MAX_DEDUPE_KEY_LENGTH = 200;
  /** The largest template data, as JSON text. */
  public static final int MAX_DATA_CHARS = 16 * 1024;
  /** An application's dedupe key: printable ASCII without spaces. */
  public static final Pattern DEDUPE_KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_DEDUPE_KEY_LENGTH + "}");
  /** A template's name (a folder of the templates' location). */
  public static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9-]{1,100}");

  /**
   * The statement, with placeholders {@code {0}} for the messages' table ({@code email_messages})
   * and {@code {1}} for the requests' ({@code email_requests}), both qualified by the platform's
   * schema, and {@code {2}}..{@code {10}} for {@link #values()}; it returns the request's id as
   * {@code new_email_id}, or nothing when the key was taken.
   */
  public static final String TEMPLATE =
      "with new_message as (insert into {0} (dedupe_key, org_id, contact_id, member_id, address, template, state,"
          + " created_at, updated_at)"
          + " values ({4}, {3}, {5}, {6}, {7}, {8}, 'QUEUED', cast({10} as timestamptz), cast({10} as timestamptz))"
          + " on conflict (dedupe_key) do nothing returning dedupe_key)"
          + " insert into {1} (id, org_id, dedupe_key, data, created_at)"
          + " select {2}, {3}, dedupe_key, cast({9} as jsonb), cast({10} as timestamptz) from new_message"
          + " returning id as new_email_id";

  /**
   * The message key of an application's email: its {@code dedupeKey} or, without one, the
   * request's id, within the organization (keys of different organizations never meet).
   */
  public static String dedupeKey(String orgId, String dedupeKeyOrId) {
    return "app/" + orgId + "/" + dedupeKeyOrId;
  }

  /** The values of placeholders {@code {2}} to {@code {10}}, in order. */
  public List<Object> values() {
    return Arrays.asList(id, orgId, dedupeKey, contactId, memberId, address, template, dataJson, now);
  }
}
