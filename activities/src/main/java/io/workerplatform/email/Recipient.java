package io.workerplatform.email;

/**
 * Whom a message goes to: a contact ({@code contactId} set) or a member ({@code memberId} set) of
 * an organization, as the contacts and members capabilities hold them when the message is decided.
 */
public record Recipient(
    String contactId, String memberId, String orgId, String orgName, String email, String name, String locale) {

  /** "contact c_1" or "member mem_1": for errors that may name the recipient by id. */
  String describe() {
    return contactId != null ? "contact " + contactId : "member " + memberId;
  }
}
