package dev.jcdi.cli;

import dev.jcdi.oci.OciConfigException;
import dev.jcdi.runtime.HookNotAllowedException;
import dev.jcdi.runtime.HookPolicy;
import dev.jcdi.runtime.InjectionException;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import dev.jcdi.runtime.UnresolvedDevicesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What the commands that read the spec directories share: the directories, the output format, errors. */
abstract class RegistryCommand {
  @ParentCommand Cdi root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The streams when the command runs without picocli (QuickListing); else the command line's. */
  private PrintWriter out;

  private PrintWriter err;

  /** Sets the streams of a command that runs without picocli. */
  void streams(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  PrintWriter out() {
    return out != null ? out : spec.commandLine().getOut();
  }

  PrintWriter err() {
    return err != null ? err : spec.commandLine().getErr();
  }

  /** Loads the registry of the spec directories and reports spec errors on stderr. */
  Registry load() {
    return load(HookPolicy.allowAll());
  }

  /** Loads the registry of the spec directories with {@code hooks} as its hook policy. */
  Registry load(HookPolicy hooks) {
    root.warnMissingSpecDirs(err());
    Registry.Builder builder = Registry.builder().specDirs(root.specDirs()).hookPolicy(hooks);
    java.nio.file.Path cacheFile = root.specCacheFile();
    if (cacheFile != null) {
      builder.persistentCache(cacheFile);
    }
    Registry registry = builder.build();
    reportErrors(registry);
    return registry;
  }

  void reportErrors(Registry registry) {
    Map<Path, List<String>> errors = registry.errors();
    errors.keySet().stream()
        .sorted()
        .forEach(p -> errors.get(p).forEach(e -> err().println("cdi: warning: " + located(p, e))));
    err().flush();
  }

  /** Returns a registry error with its path in front, once: most already start with it. */
  static String located(Path path, String error) {
    return error.startsWith(path.toString()) ? error : path + ": " + error;
  }

  /** Reads the OCI config at {@code path} ({@code -} for stdin); on failure says why on stderr and returns null. */
  OciConfig readConfig(String path) {
    try {
      return ConfigOutput.read(path, System.in);
    } catch (dev.jcdi.oci.OciConfigException e) {
      err().println("cdi: " + e.getMessage());
    } catch (IOException e) {
      err().println("cdi: " + path + ": " + dev.jcdi.spec.internal.IoMessages.reason(e));
    }
    return null;
  }

  /**
   * Injects {@code names} into {@code oci} and writes the result as {@code output} says; on an
   * unresolved device or a failed injection, reports it on stderr, writes nothing and returns 1.
   */
  int injectAndWrite(Registry registry, OciConfig oci, List<String> names, ConfigOutput output, String config)
      throws IOException {
    OciConfig result;
    try {
      result = registry.inject(oci, names);
    } catch (UnresolvedDevicesException e) {
      for (String name : e.unresolved()) {
        err().println("cdi: unresolved CDI device " + name + ": " + UnresolvedReasons.explain(registry, name));
      }
      return 1;
    } catch (HookNotAllowedException e) {
      for (HookNotAllowedException.Refusal r : e.refusals()) {
        err().println("cdi: " + r);
      }
      return 1;
    } catch (InjectionException e) {
      err().println("cdi: failed to inject devices: " + e.getMessage());
      return 1;
    }
    output.write(result, config, out());
    return 0;
  }

  /** A listing command with {@code --output}. */
  abstract static class Listing extends RegistryCommand implements java.util.concurrent.Callable<Integer> {
    @Option(
        names = "--output",
        paramLabel = "FORMAT",
        description = "Output format: text (default), json or yaml.")
    Structured.Format format = Structured.Format.TEXT;
  }
}
