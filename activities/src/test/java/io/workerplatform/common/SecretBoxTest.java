package io.workerplatform.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  @Test
  void aSealedSecretOpensOnlyForItsRowAndHoldsNoClearText() {
    SecretBox box = new SecretBox(key(1), List.of());

    String sealed = box.seal("whsec_abc", "sub_1");

    assertThat(sealed).startsWith(box.currentPrefix()).doesNotContain("whsec_abc").doesNotContain("abc");
    assertThat(box.open(sealed, "sub_1")).isEqualTo("whsec_abc");
    assertThat(box.seal("whsec_abc", "sub_1")).isNotEqualTo(sealed); // a nonce of its own
    assertThatThrownBy(() -> box.open(sealed, "sub_2")).hasMessageContaining("does not open");
    String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> box.open(tampered, "sub_1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRotatedKeyStillOpensWhatTheOldOneSealedUntilItIsDropped() {
    SecretBox old = new SecretBox(key(1), List.of());
    String sealedBefore = old.seal("whsec_old", "sub_1");
    SecretBox rotated = new SecretBox(key(2), List.of(key(1)));

    assertThat(rotated.open(sealedBefore, "sub_1")).isEqualTo("whsec_old");
    assertThat(rotated.isCurrent(sealedBefore)).isFalse();
    assertThat(rotated.isCurrent(rotated.seal("whsec_old", "sub_1"))).isTrue();
    assertThatThrownBy(() -> new SecretBox(key(2), List.of()).open(sealedBefore, "sub_1"))
        .hasMessageContaining("not configured");
    // a value in clear is refused: whoever can write the database would otherwise choose the secret
    assertThatThrownBy(() -> rotated.open("whsec_planted", "sub_1"))
        .isInstanceOf(SecretBox.NotSealedException.class).hasMessageContaining("not sealed");
    assertThat(rotated.open(null, "sub_1")).isNull(); // no previous secret
  }
}
