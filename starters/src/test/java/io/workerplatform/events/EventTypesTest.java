package io.workerplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.events.EventTypes.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventTypesTest {
  private final JsonMapper json = JsonMapper.builder().build();
  private final EventTypes types = new EventTypes(json);

  private JsonNode data(String text) {
    return json.readTree(text);
  }

  @Test
  void everyTypeThePlatformPublishesIsDeclaredWithAnObjectSchema() {
    assertThat(types.all()).extracting(EventTypes.EventType::type)
        .contains("petition.completed", "contact.created", "signature.completed", "signature.declined",
            "signature.expired", "signature.cancelled", "signature.failed");
    assertThat(types.all()).allSatisfy(t -> {
      assertThat(t.description()).isNotBlank();
      assertThat(t.schema().get("type").asString()).isEqualTo("object");
    });
    assertThat(types.isDeclared("no.such-type")).isFalse();
  }

  @Test
  void dataThatBreaksItsSchemaIsRefusedNamingTheField() {
    assertThat(types.check("petition.completed", data("{\"petitionId\":\"pet_1\",\"extra\":1}"))).isEmpty();
    assertThat(types.check("petition.completed", data("{\"petitionId\":5}")))
        .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("data.petitionId"));
    assertThat(types.check("signature.completed", data("{\"signatureRequestId\":\"sr_1\"}")))
        .hasValueSatisfying(p -> {
          assertThat(p.field()).isEqualTo("data.state");
          assertThat(p.message()).contains("state");
        });
    assertThat(types.check("signature.completed",
            data("{\"signatureRequestId\":\"sr_1\",\"state\":\"COMPLETED\",\"signers\":[{\"contactId\":7}]}")))
        .map(Problem::field)
        .hasValue("data.signers[0].contactId");
  }

  @Test
  void aCapabilityDeclaresItsOwnTypesBesideThePlatformsAndCannotDeclareOneAgain() {
    EventTypes withCapability = new EventTypes(json, List.of(new DeclaredEventTypes("test-capability/event-types.json")));
    assertThat(withCapability.isDeclared("test.thing-happened")).isTrue();
    assertThat(withCapability.isDeclared("petition.completed")).isTrue();
    assertThat(withCapability.check("test.thing-happened", data("{}")))
        .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("data.thingId"));
    assertThat(types.isDeclared("test.thing-happened")).isFalse();

    assertThatThrownBy(() -> new EventTypes(json, List.of(new DeclaredEventTypes("test-capability/duplicate-event-types.json"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("test-capability/duplicate-event-types.json declares petition.completed, which is declared already");
    assertThatThrownBy(() -> new EventTypes(json, List.of(new DeclaredEventTypes("test-capability/none.json"))))
        .hasMessage("test-capability/none.json is missing from the class path");
  }
}
