package io.workerplatform.host.notifications;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.Paging;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationStore;
import io.workerplatform.notifications.NotificationStore.Notification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A member's in-app notifications: listed newest first, read one by one or all at once. */
@RestController
class NotificationApi {
  record AllRead(int read) {}

  private final MemberStore members;
  private final NotificationStore notifications;

  NotificationApi(MemberStore members, NotificationStore notifications) {
    this.members = members;
    this.notifications = notifications;
  }

  @GetMapping("/api/orgs/{orgId}/members/{id}/notifications")
  Page<Notification> list(
      @PathVariable String orgId, @PathVariable String id, @RequestParam(defaultValue = "false") boolean unread,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    member(orgId, id);
    return notifications.list(orgId, id, unread, Paging.limit(limit), Paging.after(cursor));
  }

  @PostMapping("/api/orgs/{orgId}/members/{id}/notifications/{notificationId}/read")
  Notification read(@PathVariable String orgId, @PathVariable String id, @PathVariable String notificationId) {
    member(orgId, id);
    return notifications.markRead(orgId, id, notificationId)
        .orElseThrow(() -> new NotFoundException("notification", notificationId));
  }

  @PostMapping("/api/orgs/{orgId}/members/{id}/notifications/read-all")
  AllRead readAll(@PathVariable String orgId, @PathVariable String id) {
    member(orgId, id);
    return new AllRead(notifications.markAllRead(orgId, id));
  }

  private void member(String orgId, String id) {
    members.find(orgId, id).orElseThrow(() -> new NotFoundException("member", id));
  }
}
