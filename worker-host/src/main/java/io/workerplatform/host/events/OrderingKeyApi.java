package io.workerplatform.host.events;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.events.OrderingKeys;
import io.workerplatform.events.OrderingKeys.KeyHead;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.security.Caller;
import io.workerplatform.starters.EventProcessing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ordering keys for operators: {@code GET .../ordering-keys?stalled=true} lists the keys whose head
 * event has been under way longer than {@code olderThan} (15 min), with that event; {@code POST
 * .../ordering-keys/release {"key"}} (admin token only) records the head {@code FAILED}, audited,
 * and tells the key's next event to proceed. The key goes in the body: keys hold slashes, which a
 * path refuses.
 */
@RestController
class OrderingKeyApi {
  private static final Logger log = LoggerFactory.getLogger(OrderingKeyApi.class);
  static final Duration DEFAULT_STALLED_AFTER = Duration.ofMinutes(15);

  record ReleaseKey(String key) {}

  record KeyReleased(String key, String releasedEventId, String nextEventId) {}

  private final OrderingKeys keys;
  private final EventProcessing processing;
  private final Clock clock;

  OrderingKeyApi(OrderingKeys keys, EventProcessing processing, Clock clock) {
    this.keys = keys;
    this.processing = processing;
    this.clock = clock;
  }

  @GetMapping("/api/orgs/{orgId}/ordering-keys")
  Page<KeyHead> list(
      @PathVariable String orgId, @RequestParam(required = false) Boolean stalled,
      @RequestParam(required = false) String olderThan, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    int size = Paging.limit(limit);
    Duration after = olderThan == null ? DEFAULT_STALLED_AFTER : duration(olderThan);
    List<KeyHead> heads =
        keys.heads(orgId, Boolean.TRUE.equals(stalled) ? clock.instant().minus(after) : null, afterKey(cursor), size + 1);
    String next = heads.size() > size ? encode(heads.get(size - 1).key()) : null;
    return new Page<>(heads.subList(0, Math.min(size, heads.size())), next);
  }

  @PostMapping("/api/orgs/{orgId}/ordering-keys/release")
  KeyReleased release(
      @PathVariable String orgId, @RequestBody ReleaseKey body, @AuthenticationPrincipal Caller caller) {
    String key = Validation.orderingKey("key", Validation.requireText("key", body == null ? null : body.key()));
    OrderingKeys.Released released =
        keys.releaseHead(orgId, key, caller.getName())
            .orElseThrow(() -> new NotFoundException("ordering key with events under way", key));
    log.warn("Ordering key of organization {}: head event {} released by {}", orgId, released.eventId(), caller.getName());
    if (released.nextEventId() != null) {
      try {
        processing.proceed(orgId, released.nextEventId());
      } catch (WorkflowServiceException e) {
        // it looks again on its own (at most an hour later)
      }
    }
    return new KeyReleased(key, released.eventId(), released.nextEventId());
  }

  private static Duration duration(String value) {
    try {
      Duration parsed = Duration.parse(value);
      if (parsed.isNegative()) {
        throw new BadRequestException("olderThan", "must not be negative");
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw new BadRequestException("olderThan", "must be an ISO-8601 duration such as PT15M");
    }
  }

  private static String afterKey(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    Validation.maxLength("cursor", cursor, Validation.MAX_TEXT_LENGTH);
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("cursor", "is not a cursor this API handed out");
    }
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }
}
