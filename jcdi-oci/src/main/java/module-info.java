/** The OCI runtime {@code config.json} held losslessly, with typed views for what container tools edit. */
module dev.jcdi.oci {
  requires transitive com.fasterxml.jackson.databind;

  exports dev.jcdi.oci;
}
