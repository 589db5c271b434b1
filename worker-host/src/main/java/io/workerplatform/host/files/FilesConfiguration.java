package io.workerplatform.host.files;

import io.workerplatform.files.FilePersonalData;
import io.workerplatform.files.FileRetention;
import io.workerplatform.files.FileStorage;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.LocalDirectoryFileStorage;
import java.nio.file.Path;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

  /** A local directory unless the application provides another store (a bucket, say). */
  @Bean
  @ConditionalOnMissingBean
  FileStorage fileStorage(FilesProperties properties) {
    return new LocalDirectoryFileStorage(Path.of(properties.directory()));
  }

  @Bean
  FileStore fileStore(DSLContext dsl, FileStorage storage, Clock clock) {
    return new FileStore(dsl, storage, clock);
  }

  @Bean
  FilePersonalData filePersonalData(DSLContext dsl, FileStorage storage) {
    return new FilePersonalData(dsl, storage);
  }

  @Bean
  FileRetention fileRetention(DSLContext dsl, FilePersonalData files) {
    return new FileRetention(dsl, files);
  }
}
