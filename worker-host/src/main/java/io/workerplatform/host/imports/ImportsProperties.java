package io.workerplatform.host.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code platform.imports.*}: how large an imported file may be and how it is read.
 *
 * @param maxFileSize the largest CSV {@code POST /api/orgs/{orgId}/imports} takes (larger: 413);
 *     the route streams it to the file storage, so this is not memory
 * @param batchSize rows per transaction (rows, errors and offset committed together)
 * @param slice how long one activity goes on taking batches: a pause or a cancel takes effect
 *     after the batch in flight, at the latest after this
 * @param continueAsNewAfterEvents an import's history length after which it continues as new
 */
@ConfigurationProperties("platform.imports")
public record ImportsProperties(
    @DefaultValue("100MB") DataSize maxFileSize,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("2s") Duration slice,
    @DefaultValue("1000") int continueAsNewAfterEvents) {}
