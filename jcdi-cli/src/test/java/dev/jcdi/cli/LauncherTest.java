package dev.jcdi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./cdi} launcher on a fresh clone: two launches started together both succeed (one
 * builds, under a lock, without compiling tests; the other waits and uses the jar), and the JVM
 * runs under a UTF-8 locale whatever the caller's, so a non-ASCII spec file name works under LANG=C.
 * Runs on a copy of the sources, so the build under test never touches this one.
 */
class LauncherTest {
  @TempDir Path tmp;

  private static boolean onPath(String tool) throws Exception {
    return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
  }

  /** Copies what the launcher builds from: the poms, the main sources, the launcher and the examples. */
  private static void copySources(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path rel = from.relativize(p);
        String r = rel.toString().replace('\\', '/');
        boolean wanted = r.isEmpty() || r.equals("pom.xml") || r.equals("cdi") || r.startsWith("examples")
            || r.matches("[^/]+") && Files.isDirectory(p) && Files.exists(p.resolve("pom.xml"))
            || r.matches("[^/]+/pom\\.xml") || r.matches("[^/]+/src(/main(/.*)?)?");
        if (!wanted || r.startsWith(".") || r.contains("/target")) {
          continue;
        }
        Path dest = to.resolve(r);
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private record Run(int status, String out, String err) {}

  private static CompletableFuture<Run> launch(Path repo, List<String> env, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("env", "-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "LANG"));
    cmd.addAll(env);
    cmd.add(repo.resolve("cdi").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).start();
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
    return CompletableFuture.supplyAsync(() -> {
      try {
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          return new Run(-1, out.join(), err.join() + "\n<timed out>");
        }
        return new Run(p.exitValue(), out.join(), err.join());
      } catch (InterruptedException e) {
        p.destroyForcibly();
        return new Run(-1, "", "<interrupted>");
      }
    });
  }

  private static String text(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void twoLaunchesOnAFreshCloneBothSucceedAndNamesWorkUnderTheCLocale() throws Exception {
    assumeTrue(onPath("mvn") && onPath("flock") && onPath("bash"), "the launcher needs bash, flock and Maven");
    Path source = Path.of("").toAbsolutePath().getParent(); // tests run in cli/
    assumeTrue(Files.exists(source.resolve("cdi")), "the launcher is at the repository root");
    Path repo = tmp.resolve("clone");
    copySources(source, repo);
    assertThat(repo.resolve("jcdi-cli/target/jcdi-cli.jar")).doesNotExist();
    Path specs = Files.createDirectories(tmp.resolve("specs"));
    Files.writeString(specs.resolve("cafe.tmpl"),
        "{\"cdiVersion\": \"0.3.0\", \"kind\": \"vendor.com/gpu\", \"devices\": [{\"name\": \"cafe\", \"containerEdits\": {\"env\": [\"A=1\"]}}]}");
    Process mv = new ProcessBuilder("sh", "-c", "cd '" + specs + "' && mv cafe.tmpl \"$(printf 'caf\\303\\251.json')\"").start();
    assertThat(mv.waitFor()).isZero();

    CompletableFuture<Run> first = launch(repo, List.of("LANG=C.UTF-8"), "version");
    CompletableFuture<Run> second = launch(repo, List.of("LANG=C"), "--spec-dir", specs.toString(), "devices");
    Run a = first.get(9, TimeUnit.MINUTES);
    Run b = second.get(9, TimeUnit.MINUTES);

    assertThat(a.status()).as(a.err()).isZero();
    assertThat(b.status()).as(b.err()).isZero();
    assertThat(a.out()).startsWith("jcdi ");
    assertThat(b.out()).isEqualTo("vendor.com/gpu=cafe\n"); // LANG=C: the launcher ran Java under C.UTF-8
    assertThat(b.err()).doesNotContain("warning");
    // one of them built; the other waited for it and found the jar fresh
    assertThat(Stream.of(a.err(), b.err()).filter(e -> e.contains("building the CLI"))).hasSize(1);
    assertThat(repo.resolve("jcdi-cli/target/jcdi-cli.jar")).exists();
    assertThat(repo.resolve("jcdi-cli/target/test-classes")).doesNotExist(); // -Dmaven.test.skip=true
  }
}
