package io.workerplatform.host.contacts;

import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.email.EmailAddresses;
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

  record ContactInput(String email, String name, String locale) {}

  record CreateContacts(List<ContactInput> contacts) {}

  record ContactsCreated(List<String> ids) {}

  record CreatePetition(String title) {}

  record PetitionCreated(String id) {}

  private final ContactStore contacts;

  ContactApi(ContactStore contacts) {
    this.contacts = contacts;
  }

  /** All or nothing: one invalid contact rejects the request, naming its index. */
  @PostMapping("/api/orgs/{orgId}/contacts")
  ResponseEntity<ContactsCreated> createContacts(
      @PathVariable String orgId, @RequestBody CreateContacts request) {
    List<ContactInput> input = request.contacts();
    if (input == null || input.isEmpty()) {
      throw new BadRequestException("contacts", "must list at least one contact");
    }
    if (input.size() > MAX_CONTACTS_PER_REQUEST) {
      throw new BadRequestException("contacts", "at most " + MAX_CONTACTS_PER_REQUEST + " per request");
    }
    List<NewContact> valid = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      ContactInput contact = input.get(i);
      String field = "contacts[" + i + "].email";
      if (contact == null) {
        throw new BadRequestException("contacts[" + i + "]", "is required");
      }
      String email = Validation.requireText(field, contact.email());
      if (!EmailAddresses.isValid(email)) {
        throw new BadRequestException(field, "'" + email + "' is not a valid email address");
      }
      valid.add(new NewContact(email, contact.name(), contact.locale()));
    }
    List<String> ids = contacts.createContacts(orgId, valid);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/contacts")).body(new ContactsCreated(ids));
  }

  @PostMapping("/api/orgs/{orgId}/petitions")
  ResponseEntity<PetitionCreated> createPetition(
      @PathVariable String orgId, @RequestBody CreatePetition request) {
    String title = Validation.requireText("title", request.title());
    String id = contacts.createPetition(orgId, title);
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/petitions/" + id)).body(new PetitionCreated(id));
  }
}
