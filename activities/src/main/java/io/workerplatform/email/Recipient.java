package io.workerplatform.email;

/**
 * Whom a message goes to: a contact ({@code contactId} set) or a member ({@code memberId} set) of
 * an organization, as the contacts and members capabilities hold them when the message is decided,
 * or an address the application gave directly (neither set).
 */
public record Recipient(
    String contactId, String memberId, String orgId, String orgName, String email, String name, String locale) {

  /** "contact c_1", "member mem_1" or "the address": for errors that may name the recipient by id. */
  String describe() {
    return contactId != null ? "contact " + contactId : memberId != null ? "member " + memberId : "the address";
  }

  /** The address when it was given directly (neither a contact nor a member), else null. */
  String address() {
    return contactId == null && memberId == null ? email : null;
  }
}
