/** The CDI consumer side: the registry, container edits applied to OCI configs, host devices, annotations. */
module dev.jcdi.runtime {
  requires transitive dev.jcdi.spec;
  requires transitive dev.jcdi.oci;

  exports dev.jcdi.runtime;
}
