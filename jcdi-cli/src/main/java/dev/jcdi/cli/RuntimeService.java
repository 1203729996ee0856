package dev.jcdi.cli;

import dev.jcdi.runtime.Registry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The optional resident service of {@code cdi-runtime}: keeps one registry of its spec directories
 * warm (watching them, refreshed before each answer) and decides creates for the launcher over a
 * unix socket, so that a create costs no JVM start.
 *
 * <p>It answers only its own user (root, by the socket's mode 0600 and the peer's credentials), and
 * it never opens a file a request names: the launcher sends its arguments, working directory and
 * the config's bytes, and writes the answer (the new config, the log lines) itself. A request for
 * other spec directories than the service's is answered "fallback", and the launcher decides cold.
 *
 * <p>Protocol: each message is a count and that many fields, each a 4-byte big-endian length and
 * its bytes. Launcher: {@code [jcdi-runtime/1, cwd, CDI_SPEC_DIRS, arg...]}. Service: {@code
 * [fallback]}, or an outcome {@code [outcome, status, hasConfig, config, message, runcLog,
 * runcLogLine, cdiLog, cdiLogLine]}, or {@code [read, path]}, to which the launcher answers {@code
 * [ok, bytes]} or {@code [err, reason]} and gets the outcome.
 *
 * <pre>java -cp jcdi-cli/target/jcdi-cli.jar dev.jcdi.cli.RuntimeService SOCKET [--spec-dir DIR]...</pre>
 */
public final class RuntimeService implements AutoCloseable {
  static final String VERSION = "jcdi-runtime/1";
  private static final int MAX_FIELDS = 4096;
  private static final long MAX_FIELD = 64L << 20;

  private final Path socket;
  private final List<Path> specDirs;
  private final Registry registry;
  private final ServerSocketChannel server;
  private final String owner = System.getProperty("user.name");

  RuntimeService(Path socket, List<Path> specDirs) throws IOException {
    this.socket = socket;
    this.specDirs = effective(specDirs, Path.of("/"));
    this.registry = Registry.builder().specDirs(this.specDirs).autoRefresh(true).build();
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
  }

  /** Serves until killed. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args[0].startsWith("-")) {
      System.err.println("usage: RuntimeService SOCKET [--spec-dir DIR]...");
      System.exit(2);
    }
    List<Path> dirs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--spec-dir") && i + 1 < args.length) {
        dirs.add(Path.of(args[++i]));
      } else if (args[i].startsWith("--spec-dir=")) {
        dirs.add(Path.of(args[i].substring("--spec-dir=".length())));
      } else {
        System.err.println("RuntimeService: unknown argument " + args[i]);
        System.exit(2);
      }
    }
    if (dirs.isEmpty()) {
      for (String d : System.getenv().getOrDefault("CDI_SPEC_DIRS", "").split(":")) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    try (RuntimeService service = new RuntimeService(Path.of(args[0]), dirs)) {
      System.err.println("cdi-runtime service: listening on " + args[0] + " for " + service.specDirs);
      service.serve();
    }
  }

  /** Answers connections one at a time until the socket is closed. */
  void serve() throws IOException {
    while (server.isOpen()) {
      SocketChannel c;
      try {
        c = server.accept();
      } catch (java.nio.channels.ClosedChannelException e) {
        return;
      }
      try (c) {
        UnixDomainPrincipal peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!peer.user().getName().equals(owner)) {
          continue; // not the service's own user: no answer at all
        }
        answer(Channels.newInputStream(c), Channels.newOutputStream(c));
      } catch (IOException | RuntimeException e) {
        System.err.println("cdi-runtime service: request failed: " + e);
      }
    }
  }

  void answer(InputStream rawIn, OutputStream rawOut) throws IOException {
    DataInputStream in = new DataInputStream(rawIn);
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(rawOut));
    List<byte[]> request = read(in);
    if (request.size() < 3 || !text(request.get(0)).equals(VERSION)) {
      write(out, List.of(bytes("fallback")));
      return;
    }
    Path cwd = Path.of(text(request.get(1)));
    List<String> args = new ArrayList<>();
    for (byte[] a : request.subList(3, request.size())) {
      args.add(text(a));
    }
    RuntimeShim shim = new RuntimeShim(Map.of(), cwd, System.err, Clock.systemUTC());
    RuntimeCommandLine cl;
    try {
      cl = RuntimeCommandLine.parse(args, Map.of("CDI_SPEC_DIRS", text(request.get(2))));
    } catch (RuntimeCommandLine.UsageException e) {
      write(out, List.of(bytes("fallback"))); // the cold path says it, in its words
      return;
    }
    // the service's registry allows every hook: a request with a hook allowlist takes the cold path
    if (!cl.creates() || !effective(cl.shim().specDirs(), cwd).equals(specDirs) || !cwd.isAbsolute()
        || !cl.shim().allowHooks().isEmpty()) {
      write(out, List.of(bytes("fallback")));
      return;
    }
    Path file = cl.configFile(cwd);
    write(out, List.of(bytes("read"), bytes(file.toString())));
    List<byte[]> reply = read(in);
    byte[] config = null;
    String readError = null;
    if (reply.size() == 2 && text(reply.get(0)).equals("ok")) {
      config = reply.get(1);
    } else {
      readError = reply.size() == 2 ? text(reply.get(1)) : "no answer from the launcher";
    }
    RuntimeShim.Outcome o = shim.decide(cl, file, config, readError, dirs -> {
      registry.refresh();
      return registry;
    });
    write(out, List.of(bytes("outcome"), bytes(Integer.toString(o.status())),
        bytes(o.config() == null ? "0" : "1"), o.config() == null ? new byte[0] : o.config(),
        bytes(nz(o.message())),
        bytes(o.runcLogLine() == null ? "" : cwd.resolve(cl.log()).toString()), bytes(nz(o.runcLogLine())),
        bytes(o.cdiLogLine() == null ? "" : cwd.resolve(cl.shim().cdiLog()).toString()), bytes(nz(o.cdiLogLine()))));
  }

  private static List<Path> effective(List<Path> dirs, Path cwd) {
    List<Path> out = new ArrayList<>();
    for (Path d : dirs.isEmpty() ? Registry.DEFAULT_SPEC_DIRS : dirs) {
      out.add(cwd.resolve(d).normalize());
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static List<byte[]> read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_FIELDS) {
      throw new IOException("bad field count " + n);
    }
    List<byte[]> fields = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long len = Integer.toUnsignedLong(in.readInt());
      if (len > MAX_FIELD) {
        throw new IOException("field too long: " + len);
      }
      byte[] b = in.readNBytes((int) len);
      if (b.length != len) {
        throw new java.io.EOFException();
      }
      fields.add(b);
    }
    return fields;
  }

  static void write(DataOutputStream out, List<byte[]> fields) throws IOException {
    out.writeInt(fields.size());
    for (byte[] f : fields) {
      out.writeInt(f.length);
      out.write(f);
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    registry.close();
    Files.deleteIfExists(socket);
  }
}
