package io.workerplatform.host.contacts;

import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.common.EmailAddresses;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ContactApi {
  static final int MAX_CONTACTS_PER_REQUEST = 10_000;
  static final int MAX_LOCALE_LENGTH = 35;

  record ContactInput(String email, String name, String locale) {}

  record CreateContacts(List<ContactInput> contacts) {}

  record ContactsCreated(List<String> ids) {}

  private final ContactStore contacts;

  ContactApi(ContactStore contacts) {
    this.contacts = contacts;
  }

  /** All or nothing: one invalid contact rejects the request, naming its index. */
  @PostMapping("/api/orgs/{orgId}/contacts")
  ResponseEntity<ContactsCreated> createContacts(
      @PathVariable String orgId, @RequestBody CreateContacts request) {
    List<ContactInput> input =
        Validation.requireList("contacts", request.contacts(), "contact", MAX_CONTACTS_PER_REQUEST);
    List<NewContact> valid = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      ContactInput contact = input.get(i);
      String field = "contacts[" + i + "].email";
      if (contact == null) {
        throw new BadRequestException("contacts[" + i + "]", "is required");
      }
      String email = Validation.requireText(field, contact.email(), EmailAddresses.MAX_LENGTH);
      if (!EmailAddresses.isValid(email)) {
        throw new BadRequestException(field, "'" + email + "' is not a valid email address");
      }
      valid.add(
          new NewContact(
              email,
              Validation.maxLength("contacts[" + i + "].name", contact.name(), Validation.MAX_TEXT_LENGTH),
              Validation.maxLength("contacts[" + i + "].locale", contact.locale(), MAX_LOCALE_LENGTH)));
    }
    List<String> ids = contacts.createContacts(orgId, valid);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/contacts")).body(new ContactsCreated(ids));
  }
}
