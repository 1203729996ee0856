package dev.jcdi.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountTest {
  @Test
  void bindAddsTheBindOptionRuncNeeds() {
    assertThat(Mount.bind("/h", "/c", "ro").options()).containsExactly("ro", "bind");
    assertThat(Mount.bind("/h", "/c").options()).containsExactly("bind");
    assertThat(Mount.bind("/h", "/c", "ro").type()).contains("bind");
  }

  @Test
  void bindKeepsAGivenBindOrRbind() {
    assertThat(Mount.bind("/h", "/c", "rbind", "ro").options()).containsExactly("rbind", "ro");
    assertThat(Mount.bind("/h", "/c", "ro", "bind").options()).containsExactly("ro", "bind");
  }
}
