package io.workerplatform.host.members;

import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.members.MemberStore;
import java.util.List;

/** A request's list of member ids (a filing's assignees, a report's recipients), checked one by one. */
public final class MemberIds {
  private MemberIds() {}

  /**
   * {@code ids}, each a live member of the organization (an erased or deleted one is refused),
   * without repeats; 400 naming the first bad element ({@code field[i]}).
   */
  public static List<String> requireMembers(MemberStore members, String orgId, String field, List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      String element = field + "[" + i + "]";
      if (members.find(orgId, Validation.requireId(element, ids.get(i))).isEmpty()) {
        throw new BadRequestException(element, "is not a member of the organization");
      }
    }
    return ids.stream().distinct().toList();
  }
}
