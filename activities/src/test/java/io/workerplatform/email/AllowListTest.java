package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowListTest {

  @Test
  void anEmptyListAllowsEveryone() {
    AllowList list = AllowList.parse(" ");
    assertThat(list.restricts()).isFalse();
    assertThat(list.allows("anyone@anywhere.example")).isTrue();
  }

  @Test
  void addressesAndDomainsMatchWithoutCase() {
    AllowList list = AllowList.parse("Ana@Example.com,*@Team.example");
    assertThat(list.allows("ana@example.com")).isTrue();
    assertThat(list.allows("BOB@team.EXAMPLE")).isTrue();
    assertThat(list.allows("bob@example.com")).isFalse();
    assertThat(list.allows("eve@evilteam.example")).isFalse();
    assertThat(list.allows("eve@team.example.evil")).isFalse();
  }

  @Test
  void aMalformedEntryIsNamed() {
    assertThatThrownBy(() -> AllowList.parse("ana@example.com,*.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'*.example.com'");
  }
}
