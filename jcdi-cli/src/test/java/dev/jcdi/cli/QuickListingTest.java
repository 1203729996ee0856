package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The listings' quick path (no picocli) against picocli's own reading of the same command line:
 * the same output, errors and status for every line, whichever path takes it, and the quick path
 * takes exactly the plain lines.
 */
class QuickListingTest {
  @TempDir static Path tmp;
  static Path etc;
  static Path run;

  @BeforeEach
  void specs() throws IOException {
    if (etc != null && Files.isDirectory(etc)) {
      return;
    }
    etc = Files.createDirectories(tmp.resolve("etc"));
    run = Files.createDirectories(tmp.resolve("run dir"));
    Files.writeString(etc.resolve("gpu.json"), """
        {"cdiVersion": "0.3.0", "kind": "vendor.com/gpu",
         "devices": [{"name": "g1", "containerEdits": {"env": ["A=1"]}}, {"name": "g2", "containerEdits": {"env": ["B=1"]}}]}
        """);
    Files.writeString(run.resolve("nic.yaml"), """
        cdiVersion: 0.5.0
        kind: other.org/nic
        devices:
        - name: n1
          containerEdits:
            env: [C=1]
        """);
    Files.writeString(tmp.resolve("args"), "-d\n\"" + run + "\"\ndevices\n"); // a picocli @FILE
    Files.writeString(run.resolve("broken.json"), "{\"cdiVersion\": \"0.3.0\", \"kind\": \"bad\"");
    Files.writeString(run.resolve("override.json"), """
        {"cdiVersion": "0.3.0", "kind": "vendor.com/gpu", "devices": [{"name": "g1", "containerEdits": {"env": ["D=1"]}}]}
        """);
  }

  /** Command lines with the spec directories as {@code ETC}, {@code RUN} and {@code MISSING}. */
  static Stream<List<String>> lines() {
    List<List<String>> l = new ArrayList<>();
    for (String command : List.of("devices", "devs", "vendors", "classes", "specs", "dirs")) {
      l.add(List.of("-d", "ETC", "-d", "RUN", command));
      l.add(List.of("--spec-dir", "ETC", command, "--spec-dir=RUN"));
      l.add(List.of("-dETC", command, "-dRUN", "--output", "json"));
      l.add(List.of(command, "-d", "ETC", "--output=YAML"));
      l.add(List.of("-d", "MISSING", "-d", "RUN", command, "--output=Text"));
      // the lines picocli must read: errors, help, forms the quick path leaves alone
      l.add(List.of("-d", "ETC", command, "--output", "xml"));
      l.add(List.of("-d", "ETC", command, "--output", "json", "--output", "yaml"));
      l.add(List.of("-d", "ETC", command, "--output"));
      l.add(List.of("-d", "ETC", command, "--bogus"));
      l.add(List.of("-d", "ETC", command, "--help"));
      l.add(List.of("-d", "ETC", command, "-h"));
      l.add(List.of("-d", "ETC", command, "--"));
      l.add(List.of("-d", "", command));
      l.add(List.of("-d=ETC", command));
      l.add(List.of("-d", "ETC", command, "@nofile"));
      l.add(List.of("-d", "@nofile", command));
      l.add(List.of("-d", "ETC", command, "-d", "@ARGS"));
      l.add(List.of("-d", "ETC", "@ARGS"));
      l.add(List.of("-d", "ETC", command, "extra"));
      l.add(List.of("-d", "ETC", command, "-d"));
    }
    l.add(List.of("-d", "ETC", "-d", "RUN", "specs", "vendor.com", "other.org"));
    l.add(List.of("-d", "ETC", "-d", "RUN", "specs", "nobody.example", "--output=json"));
    l.add(List.of("-d", "ETC", "-d", "RUN", "specs", "vendor.com", "vendor.com"));
    l.add(List.of("-d", "ETC", "-d"));
    l.add(List.of("-d", "ETC"));
    l.add(List.of("--version"));
    l.add(List.of("devicez"));
    l.add(List.of());
    return l.stream();
  }

  @ParameterizedTest
  @MethodSource("lines")
  void everyLineReadsTheSameEitherWay(List<String> line) {
    String[] args = line.stream()
        .map(a -> a.replace("ETC", etc.toString()).replace("RUN", run.toString()).replace("MISSING", tmp.resolve("missing").toString())
            .replace("@ARGS", "@" + tmp.resolve("args")))
        .toArray(String[]::new);
    CliRun quick = run(args, true);
    CliRun picocli = run(args, false);
    assertThat(quick).as(String.join(" ", args)).isEqualTo(picocli);
  }

  @Test
  void thePlainLinesAndOnlyThoseTakeTheQuickPath() {
    Map<String, String> env = Map.of();
    assertThat(QuickListing.parse(new String[] {"-d", "/x", "devices"}, env)).isNotNull();
    assertThat(QuickListing.parse(new String[] {"devs", "--output=json", "--spec-dir=/x"}, env)).isNotNull();
    assertThat(QuickListing.parse(new String[] {"specs", "a.com", "b.org", "-d/x"}, env)).isNotNull();
    assertThat(QuickListing.parse(new String[] {"dirs"}, env)).isNotNull();
    assertThat(QuickListing.parse(new String[] {"-d=/x", "devices"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"devices", "--help"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"devices", "x"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"specs", "-x"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"specs", "@args"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"-d", "@dir", "devices"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"inject", "c.json", "a.com/b=c"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"-d", "/x"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"-d", "", "devices"}, env)).isNull();
    assertThat(QuickListing.parse(new String[] {"-d", "a\0b", "devices"}, env)).isNull();
  }

  @Test
  void theQuickPathSetsWhatPicocliWould() {
    QuickListing q = QuickListing.parse(new String[] {"-d", "/a", "specs", "--output", "yAmL", "v.com", "--spec-dir", "/b"}, Map.of());
    assertThat(q.command()).isInstanceOf(ListCommands.Specs.class);
    assertThat(q.command().format).isEqualTo(Structured.Format.YAML);
    assertThat(((ListCommands.Specs) q.command()).vendors).containsExactly("v.com");
    assertThat(q.command().root.specDirs()).containsExactly(Path.of("/a"), Path.of("/b"));
  }

  @Test
  void theCommandWordIsFoundAfterCdisOwnOptions() {
    assertThat(Cdi.commandWord(new String[] {"-d", "devices", "vendors"})).isEqualTo("vendors");
    assertThat(Cdi.commandWord(new String[] {"--spec-dir=/x", "-d/y", "inject", "c"})).isEqualTo("inject");
    assertThat(Cdi.commandWord(new String[] {"--help", "devices"})).isNull();
    assertThat(Cdi.commandWord(new String[] {"-d"})).isNull();
    assertThat(Cdi.commandWord(new String[] {})).isNull();
  }

  @Test
  void everyCommandIsMadeUnderEveryNameItsAnnotationGives() {
    for (String name : Cdi.COMMANDS) {
      Object command = Cdi.command(name);
      assertThat(command).as(name).isNotNull();
      picocli.CommandLine.Command a = command.getClass().getAnnotation(picocli.CommandLine.Command.class);
      assertThat(a.name()).as(name).isEqualTo(name);
      for (String alias : a.aliases()) {
        assertThat(Cdi.command(alias)).as(alias).isInstanceOf(command.getClass());
      }
    }
    assertThat(Cdi.command("nothing")).isNull();
  }

  private static CliRun run(String[] args, boolean quick) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Cdi.run(args, new PrintWriter(out), new PrintWriter(err), Map.of(), () -> null, quick);
    return new CliRun(status, out.toString(), err.toString());
  }
}
