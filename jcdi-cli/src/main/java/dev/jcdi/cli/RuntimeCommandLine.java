package dev.jcdi.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code cdi-runtime} command line, read the way runc reads it: global options, a subcommand, its
 * options and arguments; and the shim's own options among the global ones.
 *
 * <p>Options are Go {@code flag} style: one or two dashes, a value either attached with {@code =}
 * or as the next argument; a boolean flag takes a value only attached ({@code --debug=false}).
 * Parsing stops at the first argument that is not an option (the subcommand, then the container
 * id) or at {@code --}.
 *
 * <p><b>Shim options</b> are every global option whose name starts with {@code cdi-}; each takes a
 * value. This is the one place that knows them ({@link ShimOptions#accept}); the launcher removes
 * every {@code --cdi-*} option with its value before the delegate sees the arguments, so a new
 * option needs only a case there and none in the launcher (except {@code --cdi-delegate}, which
 * the launcher reads itself to run the delegate without a JVM).
 *
 * @param shim the shim's own options
 * @param log runc's {@code --log} file, or {@code null}
 * @param logFormat runc's {@code --log-format}: {@code text} (the default) or {@code json}
 * @param subcommand the subcommand, or {@code null} when there is none
 * @param bundle {@code --bundle}/{@code -b} of create and run, or {@code null} for the working directory
 * @param containerId the container id of create and run, or {@code null}
 * @param delegateArgs the arguments without the shim's options: what the delegate gets
 */
record RuntimeCommandLine(
    ShimOptions shim,
    Path log,
    String logFormat,
    String subcommand,
    Path bundle,
    String containerId,
    List<String> delegateArgs) {

  /** A command line the shim cannot act on, with the reason. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * The shim's own options. Each takes a value; the environment fills what the command line does
   * not give.
   *
   * @param specDirs {@code --cdi-spec-dir} (repeatable), else {@code CDI_SPEC_DIRS} (colon-separated),
   *     else empty for the registry's defaults
   * @param delegate {@code --cdi-delegate}, else {@code CDI_RUNTIME_DELEGATE}, else {@code null} (runc on PATH)
   * @param cdiLog {@code --cdi-log}: a file that gets one line per create, or {@code null}
   * @param allowHooks {@code --cdi-allow-hook} (repeatable), else {@code CDI_ALLOW_HOOKS}
   *     (colon-separated): the hook programs a device may add; empty allows every hook
   */
  record ShimOptions(List<Path> specDirs, String delegate, Path cdiLog, List<String> allowHooks) {
    ShimOptions {
      specDirs = List.copyOf(specDirs);
      allowHooks = List.copyOf(allowHooks);
    }

    /** The hook policy of {@link #allowHooks}. */
    dev.jcdi.runtime.HookPolicy hookPolicy() {
      return allowHooks.isEmpty() ? dev.jcdi.runtime.HookPolicy.allowAll() : dev.jcdi.runtime.HookPolicy.allowing(allowHooks);
    }

    /** The shim options' names, without dashes. */
    static final Set<String> NAMES = Set.of("cdi-spec-dir", "cdi-delegate", "cdi-log", "cdi-allow-hook");

    /** Collects shim options as they are parsed; {@link #build} adds the environment. */
    static final class Builder {
      private final List<Path> specDirs = new ArrayList<>();
      private String delegate;
      private Path cdiLog;
      private final List<String> allowHooks = new ArrayList<>();

      /** Takes the shim option {@code name} (no dashes) with {@code value}. */
      void accept(String name, String value) throws UsageException {
        switch (name) {
          case "cdi-spec-dir" -> specDirs.add(path(name, value));
          case "cdi-delegate" -> delegate = nonEmpty(name, value);
          case "cdi-log" -> cdiLog = path(name, value);
          case "cdi-allow-hook" -> allowHooks.add(glob(name, value));
          default -> throw new UsageException("unknown option --" + name
              + " (cdi-runtime's own options: --cdi-spec-dir, --cdi-delegate, --cdi-log, --cdi-allow-hook)");
        }
      }

      ShimOptions build(Map<String, String> env) {
        List<Path> dirs = new ArrayList<>(specDirs);
        if (dirs.isEmpty()) {
          String fromEnv = env.getOrDefault("CDI_SPEC_DIRS", "");
          for (String d : fromEnv.split(":")) {
            if (!d.isEmpty()) {
              dirs.add(Path.of(d));
            }
          }
        }
        String d = delegate;
        if (d == null) {
          String fromEnv = env.get("CDI_RUNTIME_DELEGATE");
          d = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
        }
        List<String> hooks = new ArrayList<>(allowHooks);
        if (hooks.isEmpty()) {
          for (String g : env.getOrDefault("CDI_ALLOW_HOOKS", "").split(":")) {
            if (!g.isEmpty()) {
              hooks.add(g);
            }
          }
        }
        return new ShimOptions(dirs, d, cdiLog, hooks);
      }

      private static Path path(String name, String value) throws UsageException {
        try {
          return Path.of(nonEmpty(name, value));
        } catch (java.nio.file.InvalidPathException e) {
          throw new UsageException("--" + name + ": invalid path \"" + value + "\"");
        }
      }

      /** A hook glob, checked as {@link dev.jcdi.runtime.HookPolicy#allowing} checks it. */
    private static String glob(String name, String value) throws UsageException {
      try {
        dev.jcdi.runtime.HookPolicy.allowing(List.of(value));
      } catch (IllegalArgumentException e) {
        throw new UsageException("invalid --" + name + " " + value + ": " + e.getMessage());
      }
      return value;
    }

    private static String nonEmpty(String name, String value) throws UsageException {
        if (value.isEmpty()) {
          throw new UsageException("--" + name + " needs a non-empty value");
        }
        return value;
      }
    }
  }

  /** runc's (and crun's) global options that take a value; every other global option is a flag. */
  private static final Set<String> GLOBAL_WITH_VALUE = Set.of("log", "log-format", "root", "criu", "rootless", "cgroup-manager");

  /** The options of create and run that take a value (runc, and crun's {@code --config}). */
  private static final Set<String> CREATE_WITH_VALUE =
      Set.of("bundle", "b", "console-socket", "pid-file", "preserve-fds", "config", "f");

  RuntimeCommandLine {
    delegateArgs = List.copyOf(delegateArgs);
  }

  /** Returns whether the subcommand is one that creates a container from a bundle. */
  boolean creates() {
    return "create".equals(subcommand) || "run".equals(subcommand);
  }

  /** Returns the bundle's {@code config.json}, resolved against {@code cwd} when the bundle is relative or absent. */
  Path configFile(Path cwd) {
    return (bundle == null ? cwd : cwd.resolve(bundle)).resolve("config.json");
  }

  /** Returns the log format, {@code text} unless {@code json} was given. */
  boolean jsonLog() {
    return "json".equals(logFormat);
  }

  /**
   * Parses {@code args}.
   *
   * @throws UsageException when a shim option is unknown or lacks its value
   */
  static RuntimeCommandLine parse(List<String> args, Map<String, String> env) throws UsageException {
    ShimOptions.Builder shim = new ShimOptions.Builder();
    List<String> delegate = new ArrayList<>(args.size());
    Path log = null;
    String logFormat = "text";
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      Optional<Option> o = Option.of(a);
      if (a.equals("--") || o.isEmpty()) {
        break;
      }
      Option opt = o.get();
      String value = opt.value;
      boolean shimOption = opt.name.startsWith("cdi-");
      if (value == null && (shimOption || GLOBAL_WITH_VALUE.contains(opt.name))) {
        if (i + 1 >= args.size()) {
          if (shimOption) {
            throw new UsageException(a + " needs a value");
          }
          delegate.add(a); // the delegate reports its own usage errors
          i++;
          continue;
        }
        value = args.get(i + 1);
        if (!shimOption) {
          delegate.add(a);
          delegate.add(value);
        }
        i += 2;
      } else {
        if (!shimOption) {
          delegate.add(a);
        }
        i++;
      }
      if (shimOption) {
        shim.accept(opt.name, value);
      } else if (opt.name.equals("log")) {
        log = Path.of(value);
      } else if (opt.name.equals("log-format")) {
        logFormat = value;
      }
    }
    if (i < args.size() && args.get(i).equals("--")) {
      delegate.add(args.get(i++));
    }
    String subcommand = i < args.size() ? args.get(i) : null;
    Path bundle = null;
    String id = null;
    if (subcommand != null) {
      delegate.addAll(args.subList(i, args.size()));
      i++;
      if (subcommand.equals("create") || subcommand.equals("run")) {
        while (i < args.size()) {
          String a = args.get(i);
          if (a.equals("--")) {
            i++;
            break;
          }
          Optional<Option> o = Option.of(a);
          if (o.isEmpty()) {
            break;
          }
          Option opt = o.get();
          String value = opt.value;
          if (value == null && CREATE_WITH_VALUE.contains(opt.name) && i + 1 < args.size()) {
            value = args.get(++i);
          }
          if ((opt.name.equals("bundle") || opt.name.equals("b")) && value != null) {
            bundle = Path.of(value);
          }
          i++;
        }
        id = i < args.size() ? args.get(i) : null;
      }
    }
    return new RuntimeCommandLine(shim.build(env), log, logFormat, subcommand, bundle, id, delegate);
  }

  /** An option as Go's flag package reads it: {@code -name}, {@code --name}, either with {@code =value}. */
  private record Option(String name, String value) {
    static Optional<Option> of(String arg) {
      if (arg.length() < 2 || arg.charAt(0) != '-' || arg.equals("--")) {
        return Optional.empty();
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      return Optional.of(eq < 0 ? new Option(body, null) : new Option(body.substring(0, eq), body.substring(eq + 1)));
    }
  }
}
