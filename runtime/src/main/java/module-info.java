/** The CDI consumer side: OCI configs held losslessly, container edits applied to them, host devices, annotations. */
module dev.jcdi.runtime {
  requires transitive dev.jcdi.spec;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.jcdi.runtime;
}
