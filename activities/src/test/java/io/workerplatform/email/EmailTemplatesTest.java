package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

  @Test
  void onlyTemplatesThatExistAreKeptSoMadeUpNamesCannotGrowTheCache() {
    EmailTemplates templates = new EmailTemplates();

    for (int i = 0; i < 1_000; i++) {
      assertThat(templates.exists("no-such-template-" + i)).isFalse();
    }
    assertThat(templates.exists("x".repeat(EmailTemplates.MAX_NAME_LENGTH + 1))).isFalse();
    assertThat(templates.cachedTemplates()).isZero();

    assertThat(templates.exists("petition-invite")).isTrue();
    assertThat(templates.exists("petition-invite")).isTrue();
    assertThat(templates.cachedTemplates()).isEqualTo(1);
  }
}
