package io.workerplatform.host.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.keys.*}: the platform's own secret keys, base64, at least 32 bytes each. Remote
 * mode needs each configured (every host must share them); embedded mode generates a missing one
 * once and keeps it in {@code directory}, so development restarts keep working.
 *
 * @param callback derives the per-request token of provider callback URLs ({@code PLATFORM_CALLBACK_KEY}):
 *     changing it breaks the callbacks of signature requests in flight
 * @param suppression keys the hash that suppressed addresses are kept as ({@code PLATFORM_SUPPRESSION_KEY}):
 *     never change it, or every suppression stops matching
 * @param secrets seals secrets the platform needs in clear, webhook signing secrets
 *     ({@code PLATFORM_SECRETS_KEY}, exactly 32 bytes): to rotate, set a new one and move the old
 *     one to {@code secretsPrevious}; the host seals every secret again at start-up
 * @param secretsPrevious earlier secrets keys, still opening what they sealed
 *     ({@code PLATFORM_SECRETS_PREVIOUS_KEYS}, comma-separated)
 * @param directory where embedded mode keeps the keys it generated ({@code PLATFORM_KEYS_DIRECTORY});
 *     empty, the default: {@code ~/.worker-platform/keys/<host>-<port>-<database>-<schema>}, one
 *     place per user and database whatever the working directory
 */
@ConfigurationProperties("platform.keys")
public record KeysProperties(
    String callback,
    String suppression,
    String secrets,
    @DefaultValue List<String> secretsPrevious,
    @DefaultValue("") String directory) {}
