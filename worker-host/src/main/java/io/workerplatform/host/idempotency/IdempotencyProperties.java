package io.workerplatform.host.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.api.idempotency.*}: the {@code Idempotency-Key} header of creating routes.
 *
 * @param ttl how long a key's first answer is given again (and kept: the hourly cron job
 *     {@code idempotency-keys-cleanup} deletes it afterwards)
 * @param lease how long a key stays "in progress" when the process answering its request died
 *     before it could record the answer; a retry with the same request then runs it again. Longer
 *     than any request takes.
 */
@ConfigurationProperties("platform.api.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("5m") Duration lease) {}
