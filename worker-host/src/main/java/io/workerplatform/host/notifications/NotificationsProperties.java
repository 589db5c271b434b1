package io.workerplatform.host.notifications;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.notifications.*}.
 *
 * @param types the event types that notify members; each must be a declared event type
 * @param roleDefaults per role ({@code ADMIN}, {@code MANAGER}, {@code COMPLIANCE}, {@code
 *     MEMBER}), per type (in brackets in YAML: {@code "[petition.completed]"}), the channels of a
 *     member who made no choice of its own; a type its role does not list notifies it of nothing
 * @param audiences per type (in brackets), the only roles it notifies, whatever members choose;
 *     a type not listed notifies every role
 * @param retentionDays days a read notification is kept ({@code old-notifications} deletes it
 *     then; an unread one is kept a year)
 */
@ConfigurationProperties("platform.notifications")
public record NotificationsProperties(
    @DefaultValue({"petition.completed", "comment.created", "signature.completed", "signature.cancelled", "document.expiring"})
        List<String> types,
    @DefaultValue Map<String, Map<String, List<String>>> roleDefaults,
    @DefaultValue Map<String, List<String>> audiences,
    @DefaultValue("90") int retentionDays) {}
