package io.workerplatform.email;

import java.util.Map;

/**
 * One email to send, by reference.
 *
 * @param dedupeKey names the message for its whole life (for example {@code
 *     bulk-send/<id>/recipient/<contactId>}); sending the same key again sends nothing
 * @param contactId the recipient, when it is a contact (then {@code memberId} is null)
 * @param template a template name, such as {@code petition-invite}
 * @param context ids the template's data is loaded from, such as {@code petitionId}; {@code
 *     bulkSendId} files the message under its bulk send
 * @param memberId the recipient, when it is a member of the organization (then {@code contactId}
 *     is null)
 */
public record SendEmailRequest(
    String dedupeKey, String contactId, String template, Map<String, String> context, String memberId) {

  public SendEmailRequest {
    context = context == null ? Map.of() : Map.copyOf(context);
  }

  /** A message to a contact. */
  public SendEmailRequest(String dedupeKey, String contactId, String template, Map<String, String> context) {
    this(dedupeKey, contactId, template, context, null);
  }

  /** A message to a member of the organization. */
  public static SendEmailRequest toMember(
      String dedupeKey, String memberId, String template, Map<String, String> context) {
    return new SendEmailRequest(dedupeKey, null, template, context, memberId);
  }
}
