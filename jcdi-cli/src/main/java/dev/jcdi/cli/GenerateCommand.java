package dev.jcdi.cli;

import dev.jcdi.runtime.DevicePreset;
import dev.jcdi.runtime.SpecGenerator;
import dev.jcdi.spec.InvalidNameException;
import dev.jcdi.spec.InvalidSpecException;
import dev.jcdi.spec.Kind;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFiles;
import dev.jcdi.spec.SpecWriteException;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cdi generate}: a spec from the host's device nodes, one device per node plus {@code all}. */
@Command(
    name = "generate",
    aliases = "gen",
    description = {
      "Generate a spec from the host's device nodes: one device per node, named",
      "after the node, with type, major and minor read from the host, plus a",
      "device 'all' with every node. Prints the spec, or writes it into a spec",
      "directory with --write."
    })
final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH_OR_GLOB", arity = "0..*",
      description = "Device nodes: paths or globs (*, ?, [..] per path element), absolute or under --dev-root.")
  List<String> patterns = new ArrayList<>();

  @Option(names = {"-k", "--kind"}, paramLabel = "KIND",
      description = "The spec's kind, vendor.com/class (default with --preset: jcdi.dev/PRESET).")
  String kind;

  @Option(names = {"-p", "--preset"}, paramLabel = "PRESET", completionCandidates = Presets.class,
      description = "Find the nodes of a device class; repeatable: ${COMPLETION-CANDIDATES}.")
  List<String> presets = new ArrayList<>();

  @Option(names = "--name-template", paramLabel = "TEMPLATE",
      description = "Device names from {name} (file name), {parent} (its directory), {path} (path below the root,"
          + " / as -), {index}; e.g. usb-{parent}-{name} for /dev/bus/usb/001/004.")
  String nameTemplate;

  @Option(names = "--dev-root", paramLabel = "DIR",
      description = "Find the nodes under DIR instead of /: hostPath is the node's path under DIR, path the same without DIR.")
  Path devRoot;

  @Option(names = "--container-root", paramLabel = "DIR",
      description = "Create the nodes under DIR in the container (default /: the host path).")
  String containerRoot;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Add an environment variable to every device (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(names = {"-m", "--mount"}, paramLabel = "HOST:CTR[:OPTS]",
      description = "Bind-mount HOST at CTR for every device; OPTS comma-separated, e.g. ro,nosuid (repeatable).")
  List<String> mounts = new ArrayList<>();

  @Option(names = "--no-all", negatable = false, description = "Leave out the device 'all'.")
  boolean noAll;

  @Option(names = {"-w", "--write"}, paramLabel = "DIR",
      description = "Write the spec into DIR as the producer does (atomic, mode 0644, lowest version, never over another vendor's file); print its path.")
  Path writeDir;

  @Mixin SpecOutput output = new SpecOutput();

  /** The preset names, for help and completion. */
  static final class Presets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(DevicePreset.values()).map(DevicePreset::label).iterator();
    }
  }

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    SpecGenerator.Builder b = SpecGenerator.builder();
    if (patterns.isEmpty() && presets.isEmpty()) {
      throw new CommandLine.ParameterException(cl, "name device nodes (PATH_OR_GLOB) or a --preset");
    }
    if (kind == null && presets.isEmpty()) {
      throw new CommandLine.ParameterException(cl, "--kind is required without --preset");
    }
    if (kind != null) {
      try {
        Kind.parse(kind);
      } catch (InvalidNameException e) {
        throw new CommandLine.ParameterException(cl, "--kind: " + e.getMessage());
      }
      b.kind(kind);
    }
    for (String p : presets) {
      b.preset(DevicePreset.find(p).orElseThrow(() -> new CommandLine.ParameterException(cl,
          "unknown preset \"" + p + "\"; known: " + String.join(", ", new Presets()))));
    }
    patterns.forEach(b::pattern);
    for (String e : env) {
      if (e.indexOf('=') <= 0) {
        throw new CommandLine.ParameterException(cl, "--env \"" + e + "\": must be KEY=VALUE");
      }
      b.env(e);
    }
    for (String m : mounts) {
      b.mount(mount(cl, m));
    }
    if (nameTemplate != null) {
      b.nameTemplate(nameTemplate);
    }
    if (devRoot != null) {
      b.devRoot(devRoot);
    }
    if (containerRoot != null) {
      if (!containerRoot.startsWith("/")) {
        throw new CommandLine.ParameterException(cl, "--container-root \"" + containerRoot + "\": must be an absolute path");
      }
      b.containerRoot(containerRoot);
    }
    b.allDevice(!noAll);
    Spec generated;
    try {
      generated = b.build().generate();
    } catch (IllegalArgumentException e) {
      cl.getErr().println("cdi generate: " + e.getMessage());
      return 1;
    } catch (java.nio.file.FileSystemException e) {
      cl.getErr().println("cdi generate: " + e.getFile() + ": " + (e.getReason() != null ? e.getReason() : IoMessages.reason(e)));
      return 1;
    } catch (IOException e) {
      cl.getErr().println("cdi generate: " + IoMessages.reason(e));
      return 1;
    }
    if (writeDir == null) {
      output.print(generated, null, cl.getOut());
      return 0;
    }
    try {
      SpecFiles.WriteOptions options = SpecFiles.WriteOptions.DEFAULT;
      if (output.format != null) {
        options = options.withFileName(SpecFiles.specName(generated) + output.format.specFormat().extension());
      }
      Path written = SpecFiles.write(writeDir, generated, options);
      cl.getOut().println(written);
      cl.getOut().flush();
      return 0;
    } catch (InvalidSpecException | SpecWriteException e) {
      cl.getErr().println("cdi generate: " + e.getMessage());
    } catch (IOException e) {
      cl.getErr().println("cdi generate: " + writeDir + ": " + IoMessages.reason(e));
    }
    return 1;
  }

  /** Parses {@code HOST:CTR[:OPTS]} into a bind mount. */
  static Mount mount(CommandLine cl, String text) {
    String[] parts = text.split(":", 3);
    if (parts.length < 2 || !parts[0].startsWith("/") || !parts[1].startsWith("/")) {
      throw new CommandLine.ParameterException(cl, "--mount \"" + text + "\": must be HOST:CTR[:OPTS] with absolute paths");
    }
    List<String> options = new ArrayList<>();
    if (parts.length == 3 && !parts[2].isEmpty()) {
      options.addAll(Arrays.asList(parts[2].split(",")));
    }
    if (!options.contains("bind") && !options.contains("rbind")) {
      options.add(0, "bind");
    }
    return new Mount(parts[0], parts[1], options, null);
  }
}
