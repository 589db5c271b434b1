package io.workerplatform.common;

import io.workerplatform.bulksends.BulkSendPersonalData;
import io.workerplatform.contacts.ContactPersonalData;
import io.workerplatform.contacts.ContactRetention;
import io.workerplatform.documents.DocumentPersonalData;
import io.workerplatform.email.EmailPersonalData;
import io.workerplatform.email.TemplateData;
import io.workerplatform.notifications.DigestTemplateData;
import io.workerplatform.petitions.PetitionTemplateData;
import io.workerplatform.events.EventRetention;
import io.workerplatform.files.FilePersonalData;
import io.workerplatform.files.FileRetention;
import io.workerplatform.files.FileStorage;
import io.workerplatform.members.MemberPersonalData;
import io.workerplatform.members.MemberRetention;
import io.workerplatform.notifications.NotificationPersonalData;
import io.workerplatform.organizations.OrganizationPersonalData;
import io.workerplatform.personaldata.PersonalDataRegistry;
import io.workerplatform.petitions.PetitionPersonalData;
import io.workerplatform.petitions.PetitionRetention;
import io.workerplatform.retention.Anonymizer;
import io.workerplatform.retention.RetentionAudit;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.audit.AuditLog;
import java.util.Map;
import io.workerplatform.signatures.SignaturePersonalData;
import io.workerplatform.webhooks.WebhookResponseErasure;
import java.util.List;
import org.jooq.DSLContext;

/** The platform's own plug-ins, as the worker host registers them, for tests that run a cross-cutting service. */
public record PlatformPlugins(PersonalDataRegistry personalData, List<RetentionCategory> retention) {
  /** The anonymizer's audit rows, as the host writes them. */
  public static final RetentionAudit ANONYMIZER_AUDIT =
      (t, orgId, entityType, rows, at) ->
          AuditLog.record(t, orgId, Anonymizer.NAME, "anonymize", entityType, null, Map.of("rows", rows), at);

  /** Every capability's part of email templates' data, as the host registers them. */
  public static List<TemplateData> templateData(DSLContext dsl) {
    return List.of(new PetitionTemplateData(dsl), new DigestTemplateData(dsl));
  }

  public static PlatformPlugins of(DSLContext dsl, FileStorage storage) {
    FilePersonalData files = new FilePersonalData(dsl, storage);
    PersonalDataRegistry personalData = new PersonalDataRegistry(List.of(
        new OrganizationPersonalData(), new ContactPersonalData(dsl), new MemberPersonalData(),
        new DocumentPersonalData(dsl), new PetitionPersonalData(dsl), new NotificationPersonalData(),
        new EmailPersonalData(dsl), new BulkSendPersonalData(), new SignaturePersonalData(dsl), files));
    List<RetentionCategory> retention = List.of(
        new PetitionRetention(dsl), new ContactRetention(dsl, personalData), new MemberRetention(dsl),
        new FileRetention(dsl, files), new EventRetention(dsl, List.of(new WebhookResponseErasure(dsl))));
    return new PlatformPlugins(personalData, retention);
  }
}
