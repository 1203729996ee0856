/** The {@code cdi} command-line tool. */
module dev.jcdi.cli {
  requires dev.jcdi.spec;
  requires info.picocli;

  opens dev.jcdi.cli to info.picocli;
}
