package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operator commands appear in the man page and the completion, generated from the same definitions. */
class OperatorCommandsHelpTest {
  @Test
  void theManPageHasEveryOperatorCommandAndItsOptions() {
    CliRun r = CliRun.run("man");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains(".SS generate", ".SS check", ".SS convert", ".SS transform root", ".SS info")
        .contains("\\-\\-preset", "\\-\\-to\\-version", "\\-\\-relative\\-to", "\\-\\-config\\-root", "\\-\\-for");
  }

  @Test
  void completionKnowsTheCommandsAndTheirOptions() {
    CliRun r = CliRun.run("completion");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("generate", "check", "convert", "transform", "root", "info", "--preset", "--relative-to", "--config-root");
    assertThat(r.out()).contains("hidraw").contains("podman-4.3");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"generate", "-h"}, {"check", "-h"}, {"convert", "-h"}, {"transform", "-h"}, {"transform", "root", "-h"}, {"info", "-h"}}) {
      CliRun r = CliRun.run(args);
      assertThat(r.status()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: cdi " + args[0]);
    }
  }
}
