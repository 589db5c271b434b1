package io.workerplatform.host.members;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.common.EmailAddresses;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.members.MemberStore;
import io.workerplatform.members.MemberStore.Member;
import io.workerplatform.members.MemberStore.NewMember;
import io.workerplatform.notifications.NotificationPreferences;
import io.workerplatform.notifications.PreferenceStore;
import io.workerplatform.organizations.OrganizationStore;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organization's members: added, listed, read and deleted with the organization's key. */
@RestController
class MemberApi {
  record CreateMember(String email, String name, String role, String timeZone, String locale) {}

  private final MemberStore members;
  private final OrganizationStore organizations;
  private final NotificationPreferences preferences;
  private final PreferenceStore choices;

  MemberApi(
      MemberStore members, OrganizationStore organizations, NotificationPreferences preferences,
      PreferenceStore choices) {
    this.members = members;
    this.organizations = organizations;
    this.preferences = preferences;
    this.choices = choices;
  }

  /** {@code timeZone} defaults to the organization's, {@code locale} to {@code en}. */
  @PostMapping("/api/orgs/{orgId}/members")
  ResponseEntity<Member> create(@PathVariable String orgId, @RequestBody CreateMember request) {
    String email = Validation.requireText("email", request.email(), EmailAddresses.MAX_LENGTH);
    if (!EmailAddresses.isValid(email)) {
      throw new BadRequestException("email", "is not a valid email address");
    }
    String name = Validation.maxLength("name", request.name(), Validation.MAX_TEXT_LENGTH);
    String role = Validation.requireText("role", request.role());
    if (!MemberStore.ROLES.contains(role)) {
      throw new BadRequestException("role", "must be one of " + String.join(", ", MemberStore.ROLES));
    }
    String locale = request.locale() == null ? "en" : Validation.locale("locale", request.locale());
    String timeZone =
        request.timeZone() != null
            ? Validation.timeZone("timeZone", request.timeZone())
            : organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId)).timeZone();
    Member member = members.create(orgId, new NewMember(email, name, role, timeZone, locale));
    return ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/members/" + member.id())).body(member);
  }

  @GetMapping("/api/orgs/{orgId}/members")
  Page<Member> list(
      @PathVariable String orgId, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    return members.list(orgId, Paging.limit(limit), Paging.after(cursor));
  }

  @GetMapping("/api/orgs/{orgId}/members/{id}")
  Member get(@PathVariable String orgId, @PathVariable String id) {
    return members.find(orgId, id).orElseThrow(() -> new NotFoundException("member", id));
  }

  @DeleteMapping("/api/orgs/{orgId}/members/{id}")
  ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String id) {
    if (!members.delete(orgId, id)) {
      throw new NotFoundException("member", id);
    }
    return ResponseEntity.noContent().build();
  }

  /** Every notifying event type with the member's channels: its own choice, or its role's default. */
  @GetMapping("/api/orgs/{orgId}/members/{id}/notification-preferences")
  Map<String, List<String>> preferences(@PathVariable String orgId, @PathVariable String id) {
    Member member = members.find(orgId, id).orElseThrow(() -> new NotFoundException("member", id));
    return preferences.effective(member.role(), choices.own(member.id()));
  }

  /**
   * Replaces the member's own choices: each type listed gets these channels (an empty list: none);
   * a type left out follows the role's default again. Answers as the GET does.
   */
  @PutMapping("/api/orgs/{orgId}/members/{id}/notification-preferences")
  Map<String, List<String>> replacePreferences(
      @PathVariable String orgId, @PathVariable String id, @RequestBody Map<String, List<String>> request) {
    Member member = members.find(orgId, id).orElseThrow(() -> new NotFoundException("member", id));
    Map<String, List<String>> chosen = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> choice : request.entrySet()) {
      String type = choice.getKey();
      if (!preferences.types().contains(type)) {
        throw new BadRequestException(
            Validation.maxLength("type", type, Validation.MAX_TEXT_LENGTH),
            "is not a notifying event type (" + String.join(", ", preferences.types()) + ")");
      }
      List<String> channels = choice.getValue();
      if (!preferences.reaches(member.role(), type) && channels != null && !channels.isEmpty()) {
        throw new BadRequestException(type, "does not notify members with role " + member.role());
      }
      if (channels == null) {
        throw new BadRequestException(type, "must list channels (an empty list: none)");
      }
      for (int i = 0; i < channels.size(); i++) {
        if (!NotificationPreferences.CHANNELS.contains(channels.get(i))) {
          throw new BadRequestException(
              type + "[" + i + "]", "must be one of " + String.join(", ", NotificationPreferences.CHANNELS));
        }
      }
      if (Set.copyOf(channels).size() != channels.size()) {
        throw new BadRequestException(type, "lists a channel twice");
      }
      chosen.put(type, List.copyOf(channels));
    }
    choices.replace(orgId, member.id(), chosen);
    return preferences.effective(member.role(), choices.own(member.id()));
  }
}
