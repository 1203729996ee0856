/** The CDI spec model: records for every spec object, names, versions, reading, validation and writing. */
module dev.jcdi.spec {
  requires com.fasterxml.jackson.core;
  requires org.snakeyaml.engine.v2;

  exports dev.jcdi.spec;
  // Shared quoting and parsing machinery for jcdi's own modules only.
  exports dev.jcdi.spec.internal to dev.jcdi.runtime, dev.jcdi.schema, dev.jcdi.cli;
}
