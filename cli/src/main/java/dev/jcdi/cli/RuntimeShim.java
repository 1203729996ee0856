package dev.jcdi.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.jcdi.runtime.InjectionException;
import dev.jcdi.runtime.OciConfig;
import dev.jcdi.runtime.OciConfigException;
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
    String id = cl.containerId() == null ? "?" : cl.containerId();
    Path file = cl.configFile(cwd);
    try {
      OciConfig oci;
      try {
        oci = OciConfig.read(file);
      } catch (OciConfigException e) {
        return refuse(cl, id, "invalid config: " + e.getMessage());
      } catch (IOException e) {
        return refuse(cl, id, "cannot read " + file + ": " + IoMessages.reason(e));
      }
      DeviceRequests requests;
      try {
        requests = DeviceRequests.of(oci, true);
      } catch (IllegalArgumentException | OciConfigException e) { // InvalidAnnotationException too
        return refuse(cl, id, file + ": " + e.getMessage());
      }
      if (requests.isEmpty()) {
        cdiLog(cl, id + ": no CDI devices requested");
        return 0;
      }
      Registry registry = Registry.builder().specDirs(cl.shim().specDirs()).build();
      OciConfig injected;
      try {
        injected = registry.inject(requests.config(), requests.devices());
      } catch (UnresolvedDevicesException e) {
        return refuse(cl, id, "cannot inject CDI devices: " + UnresolvedReasons.explainAll(registry, e.unresolved()));
      } catch (InjectionException e) {
        return refuse(cl, id, "cannot inject CDI devices " + String.join(", ", requests.devices()) + ": " + e.getMessage());
      }
      try {
        ConfigOutput.writeAtomically(file.toRealPath(), injected.toJsonBytes());
      } catch (IOException e) {
        return refuse(cl, id, "cannot write " + file + ": " + IoMessages.reason(e));
      }
      cdiLog(cl, id + ": injected " + String.join(", ", requests.devices()));
      return 0;
    } catch (RuntimeException e) {
      // a bug must still stop the container and say so where the engine looks
      return refuse(cl, id, "internal error: " + e);
    }
  }

  /** Reports that container {@code id} must not start: stderr, runc's log, the shim's log. */
  private int refuse(RuntimeCommandLine cl, String id, String why) {
    String msg = NAME + ": container " + id + ": " + why.replace('\n', ' ');
    err.println(msg);
    if (cl.log() != null) {
      append(cwd.resolve(cl.log()), runcLogLine(msg, cl.jsonLog()));
    }
    cdiLog(cl, id + ": refused: " + why.replace('\n', ' '));
    return 1;
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

  private void cdiLog(RuntimeCommandLine cl, String line) {
    Path log = cl.shim().cdiLog();
    if (log != null) {
      String time = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      append(cwd.resolve(log), time + " " + line + "\n");
    }
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
