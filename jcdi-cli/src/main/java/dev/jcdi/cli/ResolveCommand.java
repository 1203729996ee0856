package dev.jcdi.cli;

import dev.jcdi.runtime.Annotations;
import dev.jcdi.runtime.InvalidAnnotationException;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.runtime.Registry;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code cdi resolve CONFIG}: injects the devices a config requests, by {@code cdi.k8s.io/}
 * annotation or as qualified names in {@code linux.devices[].path} (those entries are replaced),
 * each once ({@link DeviceRequests}).
 */
@Command(
    name = "resolve",
    aliases = {"res"},
    description = {
      "Inject the devices an OCI config requests and print the updated config.",
      "Requests are cdi.k8s.io/ annotations, or qualified names in linux.devices[].path (those",
      "placeholder entries are removed)."
    })
final class ResolveCommand extends RegistryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "The OCI config.json, or - for stdin.")
  String config;

  @Mixin ConfigOutput output = new ConfigOutput();

  @Mixin HookOptions hooks = new HookOptions();

  @Override
  public Integer call() throws IOException {
    output.check(spec.commandLine(), config);
    dev.jcdi.runtime.HookPolicy policy = hooks.policy(spec.commandLine());
    OciConfig oci = readConfig(config);
    if (oci == null) {
      return 1;
    }
    DeviceRequests requests;
    try {
      requests = DeviceRequests.of(oci, false);
    } catch (InvalidAnnotationException e) {
      err().println("cdi: " + (config.equals("-") ? "<stdin>" : config) + ": annotation " + badAnnotation(oci) + ": " + e.getMessage());
      return 1;
    }
    Registry registry = load(policy);
    if (requests.isEmpty()) {
      output.write(requests.config(), config, out());
      return 0;
    }
    return injectAndWrite(registry, requests.config(), requests.devices(), output, config);
  }

  /** Returns the first CDI annotation key, in the order they are parsed, whose value is not valid, quoted. */
  private static String badAnnotation(OciConfig oci) {
    for (var e : new java.util.TreeMap<>(oci.annotations()).entrySet()) {
      try {
        Annotations.parse(java.util.Map.of(e.getKey(), e.getValue()));
      } catch (InvalidAnnotationException bad) {
        return dev.jcdi.spec.internal.Text.quote(e.getKey());
      }
    }
    return "";
  }
}
