package dev.jcdi.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jcdi.runtime.InjectionException;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.oci.OciConfigException;
import dev.jcdi.runtime.Registry;
import dev.jcdi.runtime.UnresolvedDevicesException;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;

/**
 * The create step of {@code cdi-runtime}, the OCI runtime shim: for {@code create} and {@code run},
 * injects the devices the bundle's {@code config.json} requests and writes it back; the launcher
 * then runs the delegate runtime with the original arguments. Other subcommands never reach a JVM.
 *
 * <p>Exit status 0: the config is ready (injected, or nothing was requested and the file was not
 * touched). 1: the container must not start; one line on stderr, and in runc's {@code --log} file in
 * its {@code --log-format}, says why, naming each device; the config is unchanged. 2: a usage error
 * in the shim's own options.
 */
public final class RuntimeShim {
  static final String NAME = "cdi-runtime";

  private final Map<String, String> env;
  private final Path cwd;
  private final PrintStream err;
  private final Clock clock;

  RuntimeShim(Map<String, String> env, Path cwd, PrintStream err, Clock clock) {
    this.env = env;
    this.cwd = cwd;
    this.err = err;
    this.clock = clock;
  }

  /** Runs the create step for the runc command line {@code args}; exits 0, 1 or 2 as the class says. */
  public static void main(String[] args) {
    int status = new RuntimeShim(System.getenv(), Path.of("").toAbsolutePath(), System.err, Clock.systemUTC())
        .run(Arrays.asList(args));
    System.err.flush();
    System.exit(status);
  }

  int run(java.util.List<String> args) {
    RuntimeCommandLine cl;
    try {
      cl = RuntimeCommandLine.parse(args, env);
    } catch (RuntimeCommandLine.UsageException e) {
      err.println(NAME + ": " + e.getMessage());
      return 2;
    }
    if (!cl.creates()) {
      return 0;
    }
    Path file = cl.configFile(cwd);
    byte[] bytes = null;
    String readError = null;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) OciConfig.MAX_BYTES + 1);
    } catch (IOException e) {
      readError = IoMessages.reason(e);
    }
    Outcome outcome = decide(cl, file, bytes, readError, dirs -> Registry.builder().specDirs(dirs).hookPolicy(cl.shim().hookPolicy()).build());
    if (outcome.config() != null) {
      try {
        // the config keeps its mode, owner and group; a temp file, fsync and rename replace it
        dev.jcdi.spec.internal.AtomicFiles.write(file.toRealPath(), outcome.config(),
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"),
            dev.jcdi.spec.internal.AtomicFiles.Existing.REPLACE_KEEPING_MODE);
      } catch (IOException e) {
        outcome = refuse(cl, "cannot write " + file + ": " + IoMessages.reason(e));
      }
    }
    if (outcome.message() != null) {
      err.println(outcome.message());
    }
    if (outcome.runcLogLine() != null) {
      append(cwd.resolve(cl.log()), outcome.runcLogLine());
    }
    if (outcome.cdiLogLine() != null) {
      append(cwd.resolve(cl.shim().cdiLog()), outcome.cdiLogLine());
    }
    return outcome.status();
  }

  /**
   * What a create comes to, decided without touching a file, so that the resident service can
   * decide and leave the file work to the launcher.
   *
   * @param status the exit status: 0 run the delegate, 1 refuse
   * @param config the config to write, or {@code null} to leave the file as it is
   * @param message the line for stderr, or {@code null}
   * @param runcLogLine the line for runc's {@code --log} file, or {@code null}
   * @param cdiLogLine the line for the {@code --cdi-log} file, or {@code null}
   */
  record Outcome(int status, byte[] config, String message, String runcLogLine, String cdiLogLine) {}

  /**
   * Decides the create that {@code cl} describes, given the bytes of its config file (or why they
   * could not be read) and where to get a registry for a list of spec directories.
   */
  Outcome decide(RuntimeCommandLine cl, Path file, byte[] bytes, String readError,
      java.util.function.Function<java.util.List<Path>, Registry> registries) {
    String id = id(cl);
    try {
      if (bytes == null) {
        return refuse(cl, "cannot read " + file + ": " + readError);
      }
      OciConfig oci;
      try {
        oci = OciConfig.read(new java.io.ByteArrayInputStream(bytes), file.toString());
      } catch (IOException e) { // OciConfigException
        return refuse(cl, "invalid config: " + e.getMessage());
      }
      DeviceRequests requests;
      try {
        requests = DeviceRequests.of(oci, true);
      } catch (IllegalArgumentException | OciConfigException e) { // InvalidAnnotationException too
        return refuse(cl, file + ": " + e.getMessage());
      }
      if (requests.isEmpty()) {
        return new Outcome(0, null, null, null, cdiLogLine(cl, id + ": no CDI devices requested"));
      }
      Registry registry = registries.apply(cl.shim().specDirs());
      OciConfig injected;
      try {
        injected = registry.inject(requests.config(), requests.devices());
      } catch (UnresolvedDevicesException e) {
        return refuse(cl, "cannot inject CDI devices: " + UnresolvedReasons.explainAll(registry, e.unresolved()));
      } catch (InjectionException e) {
        return refuse(cl, "cannot inject CDI devices " + String.join(", ", requests.devices()) + ": " + e.getMessage());
      }
      return new Outcome(0, injected.toJsonBytes(), null, null,
          cdiLogLine(cl, id + ": injected " + String.join(", ", requests.devices())));
    } catch (RuntimeException e) {
      // a bug must still stop the container and say so where the engine looks
      return refuse(cl, "internal error: " + e);
    }
  }

  private static String id(RuntimeCommandLine cl) {
    return cl.containerId() == null ? "?" : cl.containerId();
  }

  /** Refuses the container: a line for stderr, runc's log and the shim's log. */
  private Outcome refuse(RuntimeCommandLine cl, String why) {
    String reason = why.replace('\n', ' ');
    String msg = NAME + ": container " + id(cl) + ": " + reason;
    return new Outcome(1, null, msg, cl.log() == null ? null : runcLogLine(msg, cl.jsonLog()),
        cdiLogLine(cl, id(cl) + ": refused: " + reason));
  }

  /** Returns an error line as runc (logrus) writes it in {@code --log}, json or text. */
  String runcLogLine(String msg, boolean json) {
    String time = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    if (json) {
      JsonStringEncoder q = JsonStringEncoder.getInstance();
      return "{\"level\":\"error\",\"msg\":\"" + new String(q.quoteAsString(msg)) + "\",\"time\":\"" + time + "\"}\n";
    }
    return "time=\"" + time + "\" level=error msg=\"" + goQuote(msg) + "\"\n";
  }

  private static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"', '\\' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private String cdiLogLine(RuntimeCommandLine cl, String line) {
    if (cl.shim().cdiLog() == null) {
      return null;
    }
    String time = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    return time + " " + line + "\n";
  }

  /** Appends {@code line} as runc opens its log: create, append, mode 0644; a failure is said on stderr only. */
  private void append(Path file, String line) {
    try {
      Files.write(file, line.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      err.println(NAME + ": cannot write the log " + file + ": " + IoMessages.reason(e));
    }
  }
}
