package dev.jcdi.cli;

import dev.jcdi.spec.InvalidSpecException;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.SpecVersion;
import dev.jcdi.spec.SpecWriteException;
import dev.jcdi.spec.VersionRequirement;
import dev.jcdi.spec.internal.IoMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cdi convert --to-version V FILE...}: rewrites specs at another spec version when every field they use exists there. */
@Command(
    name = "convert",
    description = {
      "Rewrite spec files at another CDI version (to stdout, or in place with",
      "--in-place), for consumers that read only older versions. A spec that",
      "uses a field the target version lacks is not converted: each such field",
      "is reported, at file:line:col, with the versions that have it."
    })
final class ConvertCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-t", "--to-version"}, required = true, paramLabel = "VERSION",
      description = "The version to write, e.g. 0.5.0, or 'minimum' for the lowest version each spec fits.")
  String toVersion;

  @Option(names = {"-i", "--in-place"}, description = "Replace each file atomically (mode 0644) instead of printing it.")
  boolean inPlace;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Spec files.")
  List<Path> files = new ArrayList<>();

  @Mixin SpecOutput output = new SpecOutput();

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    SpecVersion target = null;
    if (!toVersion.equals("minimum")) {
      target = SpecVersion.find(toVersion).orElseThrow(() -> new CommandLine.ParameterException(cl,
          "--to-version: invalid version \"" + toVersion + "\"; known: minimum, " + known()));
      if (!target.isAtLeast(SpecVersion.EARLIEST)) {
        throw new CommandLine.ParameterException(cl, "--to-version: no spec may declare " + target + "; the earliest is " + SpecVersion.EARLIEST);
      }
    }
    if (inPlace && output.format != null) {
      throw new CommandLine.ParameterException(cl, "--output and --in-place do not go together: a file keeps its format");
    }
    PrintWriter out = cl.getOut();
    PrintWriter err = cl.getErr();
    int failed = 0;
    for (Path file : files) {
      if (inPlace && !SpecOutput.writableName(file)) {
        err.println("cdi convert: " + file + ": --in-place needs a .json or .yaml file");
        failed++;
        continue;
      }
      SpecDocument doc;
      try {
        doc = SpecOutput.read(file.toString(), System.in);
      } catch (IOException e) {
        SpecOutput.reportUnreadable("convert", file.toString(), e, err);
        failed++;
        continue;
      }
      SpecVersion version = target != null ? target : SpecVersion.minimumRequired(doc.spec());
      List<VersionRequirement> blocking = doc.spec() == null ? List.of()
          : SpecVersion.requirements(doc.spec()).stream().filter(r -> !r.allows(version))
              .sorted(java.util.Comparator.comparing((VersionRequirement r) -> doc.position(r.field()).orElse(new dev.jcdi.spec.SourcePosition(1, 1)),
                  java.util.Comparator.comparingInt(dev.jcdi.spec.SourcePosition::line).thenComparingInt(dev.jcdi.spec.SourcePosition::column)))
              .toList();
      if (!blocking.isEmpty()) {
        for (VersionRequirement r : blocking) {
          err.println(doc.locate(r.field()) + ": " + r.what() + " needs CDI " + r.versions() + ", not " + version);
        }
        failed++;
        continue;
      }
      Spec converted = doc.spec().withVersion(version);
      try {
        if (inPlace) {
          SpecOutput.writeInPlace(file, converted);
        } else {
          output.print(converted, file, out);
        }
      } catch (InvalidSpecException | SpecWriteException e) {
        err.println("cdi convert: " + e.getMessage());
        failed++;
      } catch (IOException e) {
        err.println("cdi convert: " + file + ": " + IoMessages.reason(e));
        failed++;
      }
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  private static String known() {
    return String.join(", ", SpecVersion.all().stream().filter(v -> v.isAtLeast(SpecVersion.EARLIEST)).map(SpecVersion::toString).toList());
  }
}
