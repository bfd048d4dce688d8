package io.temporarr.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SecretTest {
  private final Secret secret = new Secret("Basic c2VlcnI6cGFzcw==");

  @Test
  void matchesOnlyTheExactValue() {
    assertThat(secret.matches("Basic c2VlcnI6cGFzcw==")).isTrue();
    assertThat(secret.matches("Basic c2VlcnI6cGFzcw")).isFalse();
    assertThat(secret.matches("Basic c2VlcnI6cGFzcw==x")).isFalse();
    assertThat(secret.matches("basic c2VlcnI6cGFzcw==")).isFalse();
    assertThat(secret.matches("")).isFalse();
    assertThat(secret.matches(null)).isFalse();
  }

  @Test
  void blankSecretsAreRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Secret(" "));
    assertThatIllegalArgumentException().isThrownBy(() -> new Secret(null));
  }

  @Test
  void toStringDoesNotRevealTheValue() {
    assertThat(secret.toString()).doesNotContain("c2VlcnI6cGFzcw");
  }
}
