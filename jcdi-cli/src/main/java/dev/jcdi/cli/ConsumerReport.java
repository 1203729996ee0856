package dev.jcdi.cli;

import dev.jcdi.spec.SpecDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The part of {@code cdi validate --for CONSUMER} that reports what the consumer would refuse. */
final class ConsumerReport {
  private ConsumerReport() {}

  /** Prints the consumer's problems with each valid spec, in file order; returns how many. */
  static int print(Consumers.Consumer consumer, Map<Path, SpecDocument> docs, PrintWriter out) {
    int count = 0;
    if (consumer.reads() == null) {
      out.println("cdi: " + consumer.name() + " has no CDI support: it resolves no CDI device (" + consumer.source() + ")");
      return 1;
    }
    for (Path file : docs.keySet().stream().sorted().toList()) {
      SpecDocument doc = docs.get(file);
      List<Consumers.Problem> problems = Consumers.check(consumer, doc);
      for (Consumers.Problem p : problems) {
        out.println(doc.locate(p.field()) + ": " + consumer.name() + ": " + p.message());
        count++;
      }
    }
    return count;
  }
}
