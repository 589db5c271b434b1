package io.workerplatform.host.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.temporal.ui-url}.
 *
 * @param uiUrl the Temporal Web UI (http://localhost:8233 in the compose stack): every workflow the
 *     console shows links to it; empty, the embedded default, shows none
 */
@ConfigurationProperties("platform.temporal")
public record ConsoleProperties(@DefaultValue("") String uiUrl) {}
