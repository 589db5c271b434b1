package io.workerplatform.host.files;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.files.*}.
 *
 * @param directory where the default file store keeps uploaded and signed documents (the upload
 *     size limit is Spring's {@code spring.servlet.multipart.max-file-size})
 */
@ConfigurationProperties("platform.files")
public record FilesProperties(@DefaultValue("data/files") String directory) {}
