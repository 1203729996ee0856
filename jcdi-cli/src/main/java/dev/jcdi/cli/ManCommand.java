package dev.jcdi.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code cdi man}: the cdi(1) man page in troff, generated from the command definitions. */
@Command(name = "man", description = {"Print the cdi(1) man page (troff).", "View it with: ./cdi man | man -l -"})
final class ManCommand implements Callable<Integer> {
  @CommandLine.Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CommandSpec root = spec.commandLine().getParent().getCommandSpec();
    out.println(".TH CDI 1 \"\" \"jcdi " + esc(Cdi.jcdiVersion()) + "\" \"User Commands\"");
    out.println(".SH NAME");
    out.println("cdi \\- " + esc(String.join(" ", root.usageMessage().description())));
    out.println(".SH SYNOPSIS");
    out.println(".B cdi");
    out.println("[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]");
    out.println(".SH OPTIONS");
    options(out, root);
    out.println(".SH COMMANDS");
    // an alias maps to the same command: each command once
    for (CommandLine sub : new java.util.LinkedHashSet<>(root.subcommands().values())) {
      CommandSpec s = sub.getCommandSpec();
      if (s.name().equals("help")) {
        continue;
      }
      command(out, s.name(), s);
      // a command with commands of its own (transform root): each under its full name
      for (CommandLine nested : new java.util.LinkedHashSet<>(s.subcommands().values())) {
        command(out, s.name() + " " + nested.getCommandSpec().name(), nested.getCommandSpec());
      }
    }
    out.println(".SH ENVIRONMENT");
    out.println(".TP");
    out.println(".B CDI_SPEC_DIRS");
    out.println("Colon-separated spec directories, used when no \\-\\-spec\\-dir is given.");
    out.println(".TP");
    out.println(".B CDI_CACHE_DIR");
    out.println("Where cdi keeps the specs it parsed, so that a later run parses only the spec files that changed:");
    out.println("the file specs in that directory; else $XDG_CACHE_HOME/jcdi/specs, else ~/.cache/jcdi/specs.");
    out.println("The file and its directory are used only when owned by the user running cdi and writable by no one else.");
    out.println(".TP");
    out.println(".B CDI_CACHE");
    out.println("off (or 0, no, false): neither read nor write that file; every run parses every spec file.");
    out.println(".SH EXIT STATUS");
    out.println("0 ok, 1 the operation failed (invalid spec, unresolved device, ...), 2 usage error.");
    out.flush();
    return 0;
  }

  private static void command(PrintWriter out, String name, CommandSpec s) {
    out.println(".SS " + esc(name) + params(s));
    for (String line : s.usageMessage().description()) {
      out.println(esc(line));
      out.println(".br");
    }
    options(out, s);
  }

  private static String params(CommandSpec s) {
    StringBuilder b = new StringBuilder();
    for (PositionalParamSpec p : s.positionalParameters()) {
      b.append(' ').append(esc(p.paramLabel())).append(p.arity().max() > 1 ? "..." : "");
    }
    return b.toString();
  }

  private static void options(PrintWriter out, CommandSpec s) {
    List<OptionSpec> options = s.options();
    for (OptionSpec o : options) {
      if (o.inherited() || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      out.println(".TP");
      out.println(".B " + esc(String.join(", ", o.names())) + (o.typeInfo().isBoolean() ? "" : " " + esc(o.paramLabel())));
      out.println(esc(String.join(" ", o.description())));
    }
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("-", "\\-");
  }
}
