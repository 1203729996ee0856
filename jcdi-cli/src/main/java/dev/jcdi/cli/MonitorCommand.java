package dev.jcdi.cli;

import dev.jcdi.runtime.RegistryEvent;
import dev.jcdi.runtime.Registry;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdi monitor}: prints each change of the spec directories as it happens, until interrupted. */
@Command(
    name = "monitor",
    description = {
      "Watch the spec directories and print each change as it happens, until interrupted.",
      "One line each: device-added|device-removed|device-changed NAME DETAIL, spec-error|spec-error-cleared PATH DETAIL."
    })
final class MonitorCommand extends RegistryCommand implements Callable<Integer> {
  @Option(names = "--list", description = "First print every device already present as device-added.")
  boolean list;

  /** Counted down when the output fails (a closed pipe, a full disk): there is no one to tell then. */
  private final CountDownLatch outputFailed = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    root.warnMissingSpecDirs(err());
    Registry registry = Registry.builder().specDirs(root.specDirs()).autoRefresh(true).build();
    Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "cdi-monitor-shutdown"));
    synchronized (this) {
      if (list) {
        for (String d : registry.devices()) {
          out().println("device-added " + d + " " + registry.device(d).map(x -> x.spec().path().toString()).orElse(""));
        }
      }
      registry.errors().forEach((p, errs) -> errs.forEach(e -> out().println("spec-error " + p + " " + e)));
      out().flush();
      registry.addListener(this::print);
    }
    err().println("cdi monitor: watching " + registry.specDirs() + "; interrupt to stop");
    err().flush();
    if (!out().checkError()) {
      outputFailed.await();
    }
    registry.close();
    return 0; // Cdi.run reports the failed output
  }

  private synchronized void print(RegistryEvent e) {
    String type = e.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
    out().println(type + " " + e.subject() + (e.detail().isEmpty() ? "" : " " + e.detail()));
    if (out().checkError()) { // flushes
      outputFailed.countDown();
    }
  }
}
