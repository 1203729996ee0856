/**
 * picocli, compiled from its sources (see this module's pom.xml). The module descriptor is the one in
 * picocli's own jar ({@code META-INF/versions/9/module-info.class} of info.picocli:picocli), so
 * jcdi-cli's {@code requires info.picocli} reads the same module either way.
 */
module info.picocli {
  requires static java.sql;

  exports picocli;
}
