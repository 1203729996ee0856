package dev.jcdi.runtime;

import java.util.OptionalLong;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecValidator;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecGeneratorTest {
  @Test
  void realNodesBecomeValidDevicesAtTheLowestVersion() throws Exception {
    Spec spec = SpecGenerator.builder().kind("example.com/dev").pattern("/dev/null").pattern("/dev/zero").build().generate();
    assertThat(SpecValidator.isValid(spec)).isTrue();
    assertThat(spec.cdiVersion()).isEqualTo("0.3.0");
    assertThat(spec.device("null").orElseThrow().containerEdits().deviceNodes()).containsExactly(new DeviceNode("/dev/null", null, Optional.of("c"), OptionalLong.of(1L), OptionalLong.of(3L), null, null, null, null));
    assertThat(spec.device("all").orElseThrow().containerEdits().deviceNodes()).hasSize(2);
  }

  @Test
  void namesSortWithTheirNumbersAsNumbers() {
    List<String> names = new ArrayList<>(List.of("card10", "card2", "card1", "renderD128", "card02"));
    names.sort(SpecGenerator::natural);
    assertThat(names).containsExactly("card1", "card02", "card2", "card10", "renderD128");
  }

  @Test
  void aKindAndNodesAreRequired() {
    assertThatThrownBy(() -> SpecGenerator.builder().pattern("/dev/null").build().generate()).hasMessageContaining("a kind");
    assertThatThrownBy(() -> SpecGenerator.builder().kind("example.com/x").build().generate()).hasMessageContaining("no device nodes given");
    assertThatThrownBy(() -> SpecGenerator.builder().kind("example.com/x").pattern("/dev/no-such-node*").build().generate())
        .isInstanceOf(NoSuchFileException.class);
  }
}
