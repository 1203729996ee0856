package dev.jcdi.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the cdi tool in-process and captures what it prints. */
record CliRun(int status, String out, String err) {

  static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Cdi.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new CliRun(status, out.toString(), err.toString());
  }

  static CliRun run(String... args) {
    return run(Map.of(), args);
  }
}
