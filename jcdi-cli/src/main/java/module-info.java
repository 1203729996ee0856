/** The {@code cdi} command-line tool. */
module dev.jcdi.cli {
  requires dev.jcdi.spec;
  requires dev.jcdi.runtime;
  requires dev.jcdi.schema;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires jdk.net;

  opens dev.jcdi.cli to info.picocli;

  provides java.lang.System.LoggerFinder with dev.jcdi.cli.CliLoggerFinder;
}
