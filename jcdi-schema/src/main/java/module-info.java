/**
 * Optional JSON Schema validation of CDI spec files: jcdi's own copy of the CDI schema, or any draft-07
 * schema from a file or URL, evaluated by a small engine of our own (no third-party schema library).
 */
module dev.jcdi.schema {
  requires transitive dev.jcdi.spec;
  requires java.net.http;

  exports dev.jcdi.schema;
}
