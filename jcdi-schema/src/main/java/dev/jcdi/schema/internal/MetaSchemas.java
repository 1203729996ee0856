package dev.jcdi.schema.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The meta-schemas jcdi knows without fetching them: a schema may refer to the draft-07 meta-schema
 * by its {@code $id} ({@code http://json-schema.org/draft-07/schema#}) on a host with no network.
 * They are resources of this module, read when first asked for.
 */
final class MetaSchemas {
  private static final Map<URI, String> RESOURCES =
      Map.of(URI.create("http://json-schema.org/draft-07/schema"), "/dev/jcdi/schema/draft-07-schema.json");

  private MetaSchemas() {}

  /** Returns the text of the meta-schema with URI {@code uri} (no fragment), or null when jcdi has none. */
  static String text(URI uri) {
    String resource = RESOURCES.get(uri);
    if (resource == null) {
      return null;
    }
    try (InputStream in = MetaSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("jcdi-schema is missing its resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read jcdi-schema's resource " + resource, e);
    }
  }
}
