package dev.jcdi.spec;

import static dev.jcdi.spec.Violations.assertOnly;
import static dev.jcdi.spec.Violations.assertOnlyError;
import static dev.jcdi.spec.Violations.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jcdi.spec.Violation.Rule;
import dev.jcdi.spec.Violation.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** intelRdt: the closID rules, and enableCMT/enableMBM only below 1.1.0 (cdi-reference.md §1, §4). */
class IntelRdtValidationTest {

  private static final String AT = "devices[0].containerEdits.intelRdt";

  private static Spec rdt(String version, IntelRdt r) {
    return Specs.withDeviceEdits(version, ContainerEdits.builder().intelRdt(r).build());
  }

  private static IntelRdt cmt(Boolean cmt, Boolean mbm) {
    return new IntelRdt(Optional.of("clos"), null, null, null, null, Optional.ofNullable(cmt), Optional.ofNullable(mbm));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "", "clos1", "...", ".hidden", "a..b"})
  void closIdMayBeRootOrAPlainName(String clos) {
    assertValid(rdt("0.7.0", IntelRdt.ofClosId(clos)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo/bar", ".", "..", "a\nb", "/x", "x/"})
  void closIdWithSlashNewlineOrDotsIsInvalid(String clos) {
    Violation v = assertOnlyError(rdt("0.7.0", IntelRdt.ofClosId(clos)), AT + ".closID", Rule.CLOS_ID);
    assertThat(v.message()).startsWith("invalid closID");
  }

  @Test
  void closIdOf4095CharactersIsValidAnd4096Invalid() {
    assertValid(rdt("0.7.0", IntelRdt.ofClosId("c".repeat(4095))));
    Violation v = assertOnlyError(rdt("0.7.0", IntelRdt.ofClosId("c".repeat(4096))), AT + ".closID", Rule.CLOS_ID);
    assertThat(v.message()).hasSizeLessThan(400);
  }

  @Test
  void closIdLengthCountsBytesAsTheReferenceDoes() {
    assertValid(rdt("0.7.0", IntelRdt.ofClosId("é".repeat(2047) + "c")));
    assertOnlyError(rdt("0.7.0", IntelRdt.ofClosId("é".repeat(2048))), AT + ".closID", Rule.CLOS_ID);
    assertOnlyError(rdt("0.7.0", IntelRdt.ofClosId("\uD83D\uDE00".repeat(1024))), AT + ".closID", Rule.CLOS_ID);
  }

  @Test
  void schemasAreNotConstrained() {
    assertValid(rdt("1.1.0", new IntelRdt(null, Optional.of("L3:0=ff;1=f0"), Optional.of("MB:0=70"), Optional.ofNullable(List.of("", "anything")), Optional.of(false), null, null)));
  }

  @Test
  void emptyIntelRdtIsValidFromV070() {
    assertValid(rdt("0.7.0", IntelRdt.EMPTY));
    assertOnlyError(rdt("0.6.0", IntelRdt.EMPTY), "cdiVersion", Rule.VERSION_TOO_LOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.7.0", "0.8.0", "1.0.0", "v1.0.0"})
  void enableCmtBelowV110IsAcceptedWithAWarning(String version) {
    Violation v = assertOnly(rdt(version, cmt(true, null)), AT + ".enableCMT", Rule.REMOVED_FIELD, Severity.WARNING);
    assertThat(v.message()).contains("enableCMT").contains("no effect");
    assertThat(SpecValidator.requireValid(rdt(version, cmt(true, null)), "x")).containsExactly(v);
  }

  @Test
  void enableMbmBelowV110IsAcceptedWithAWarning() {
    assertOnly(rdt("1.0.0", cmt(null, false)), AT + ".enableMBM", Rule.REMOVED_FIELD, Severity.WARNING);
  }

  @Test
  void enableCmtAtV110IsAnError() {
    Violation v = assertOnlyError(rdt("1.1.0", cmt(false, null)), AT + ".enableCMT", Rule.REMOVED_FIELD);
    assertThat(v.message()).contains("removed in CDI 1.1.0");
    assertThatThrownBy(() -> SpecValidator.requireValid(rdt("1.1.0", cmt(false, null)), "f.yaml"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("enableCMT");
  }

  @Test
  void enableMbmAtV110IsAnError() {
    assertOnlyError(rdt("1.1.0", cmt(null, true)), AT + ".enableMBM", Rule.REMOVED_FIELD);
  }

  @Test
  void removedFieldsWithMonitoringForceV110AndFail() {
    // enableMonitoring needs 1.1.0 where enableCMT no longer exists: both can never be valid together
    IntelRdt r = new IntelRdt(null, null, null, null, Optional.of(true), Optional.of(true), null);
    assertThat(SpecValidator.validate(rdt("1.0.0", r)))
        .extracting(Violation::rule, Violation::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Rule.VERSION_TOO_LOW, Severity.ERROR),
            org.assertj.core.groups.Tuple.tuple(Rule.REMOVED_FIELD, Severity.WARNING));
    assertThat(SpecValidator.validate(rdt("1.1.0", r)))
        .extracting(Violation::rule, Violation::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.REMOVED_FIELD, Severity.ERROR));
  }
}
