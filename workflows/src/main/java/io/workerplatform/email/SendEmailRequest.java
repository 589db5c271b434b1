package io.workerplatform.email;

import java.util.Map;

/**
 * One email to send, by reference.
 *
 * @param dedupeKey names the message for its whole life (for example {@code
 *     bulk-send/<id>/recipient/<contactId>}); sending the same key again sends nothing
 * @param contactId the recipient
 * @param template a template name, such as {@code petition-invite}
 * @param context ids the template's data is loaded from, such as {@code petitionId}; {@code
 *     bulkSendId} files the message under its bulk send
 */
public record SendEmailRequest(
    String dedupeKey, String contactId, String template, Map<String, String> context) {

  public SendEmailRequest {
    context = context == null ? Map.of() : Map.copyOf(context);
  }
}
