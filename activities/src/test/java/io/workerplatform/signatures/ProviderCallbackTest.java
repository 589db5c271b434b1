package io.workerplatform.signatures;

import io.workerplatform.common.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider callback bodies mapped to workflow signals; DocuSign's HMAC checked. */
class ProviderCallbackTest {

  static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void signaturitEventsBecomeSignals() {
    assertThat(SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"type\":\"document_signed\",\"document\":{\"id\":\"d1\",\"email\":\"a@x\"}}")))
        .isEqualTo(new ProviderCallback("document_signed", null, ProviderCallback.SIGNED, "d1", null));
    assertThat(SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"type\":\"document_declined\",\"document\":{\"id\":\"d2\"}}")).signal())
        .isEqualTo(ProviderCallback.DECLINED);
    assertThat(SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"type\":\"document_expired\",\"document\":{\"id\":\"d2\"}}")).signal())
        .isEqualTo(ProviderCallback.EXPIRED);
    assertThat(SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"type\":\"document_canceled\",\"document\":{\"id\":\"d2\"}}")).signal())
        .isEqualTo(ProviderCallback.ERROR);
    assertThat(SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"type\":\"email_opened\",\"document\":{\"id\":\"d2\"}}")).signal())
        .isNull();
  }

  @Test
  void malformedSignaturitBodiesNameWhatIsMissing() {
    assertThatThrownBy(() -> SignaturitEvents.parse(TestDatabase.JSON, bytes("not json")))
        .isInstanceOf(ProviderCallback.MalformedCallback.class).hasMessage("body is not JSON");
    assertThatThrownBy(() -> SignaturitEvents.parse(TestDatabase.JSON, bytes("[1]")))
        .isInstanceOf(ProviderCallback.MalformedCallback.class).hasMessage("body is not a JSON object");
    assertThatThrownBy(() -> SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"document\":{\"id\":\"d\"}}")))
        .hasMessage("type is required");
    assertThatThrownBy(() -> SignaturitEvents.parse(TestDatabase.JSON, bytes("{\"type\":\"document_signed\",\"document\":{}}")))
        .hasMessage("document.id is required");
  }

  @Test
  void docuSignNotificationsBecomeSignals() {
    String recipient = "{\"event\":\"recipient-completed\",\"data\":{\"envelopeId\":\"e1\",\"recipientId\":\"2\"}}";
    assertThat(DocuSignConnect.parse(TestDatabase.JSON, bytes(recipient)))
        .isEqualTo(new ProviderCallback("recipient-completed", "e1", ProviderCallback.SIGNED, "2", null));
    assertThat(DocuSignConnect.parse(TestDatabase.JSON, bytes("{\"event\":\"envelope-completed\",\"data\":{\"envelopeId\":\"e1\"}}")).signal())
        .isEqualTo(ProviderCallback.COMPLETED);
    assertThat(DocuSignConnect.parse(TestDatabase.JSON, bytes("{\"event\":\"envelope-voided\",\"data\":{\"envelopeId\":\"e1\"}}")).signal())
        .isEqualTo(ProviderCallback.ERROR);
    assertThat(DocuSignConnect.parse(TestDatabase.JSON, bytes("{\"event\":\"envelope-delivered\",\"data\":{\"envelopeId\":\"e1\"}}")).signal())
        .isNull();
    assertThatThrownBy(() -> DocuSignConnect.parse(TestDatabase.JSON, bytes("{\"event\":\"envelope-completed\",\"data\":{}}")))
        .hasMessage("data.envelopeId is required");
    assertThatThrownBy(() -> DocuSignConnect.parse(TestDatabase.JSON, bytes("{\"event\":\"recipient-completed\",\"data\":{\"envelopeId\":\"e1\"}}")))
        .hasMessage("data.recipientId is required");
  }

  @Test
  void aConnectNotificationIsGenuineWhenAnyHeaderMatchesAnyKey() {
    byte[] body = bytes("{\"event\":\"envelope-completed\"}");
    DocuSignConnect connect = new DocuSignConnect(java.util.List.of("old-key", "new-key"));

    assertThat(connect.verify(body, Map.of("X-DocuSign-Signature-1", DocuSignConnect.sign("new-key", body))::get)).isTrue();
    assertThat(connect.verify(body, Map.of(
        "X-DocuSign-Signature-1", DocuSignConnect.sign("other", body),
        "X-DocuSign-Signature-2", DocuSignConnect.sign("old-key", body))::get)).isTrue();
    assertThat(connect.verify(body, Map.of("X-DocuSign-Signature-1", DocuSignConnect.sign("other", body))::get)).isFalse();
    assertThat(connect.verify(bytes("{\"event\":\"envelope-voided\"}"),
        Map.of("X-DocuSign-Signature-1", DocuSignConnect.sign("new-key", body))::get)).isFalse();
    assertThat(connect.verify(body, Map.<String, String>of()::get)).isFalse();
    // an unset DOCUSIGN_CONNECT_HMAC_KEYS binds as one blank key: nothing is genuine then
    assertThat(new DocuSignConnect(java.util.List.of("", " ")).verify(body,
        Map.of("X-DocuSign-Signature-1", DocuSignConnect.sign("any", body))::get)).isFalse();
  }
}
