package dev.jcdi.schema;

import dev.jcdi.schema.internal.Evaluator;
import dev.jcdi.schema.internal.SchemaSet;
import dev.jcdi.spec.SourcePosition;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import dev.jcdi.spec.SpecReader;
import dev.jcdi.spec.SpecWriter;
import dev.jcdi.spec.internal.JsonTreeParser;
import dev.jcdi.spec.internal.Limits;
import dev.jcdi.spec.internal.ParseFailure;
import dev.jcdi.spec.internal.ParserSettings;
import dev.jcdi.spec.internal.Tree;
import dev.jcdi.spec.internal.YamlTreeParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON Schema for CDI spec files: jcdi's own copy of the CDI schema ({@link #builtin()}), one loaded
 * from a file or URL ({@link #load(String)}), or none. It checks a spec file's structure in addition
 * to, never instead of, {@link dev.jcdi.spec.SpecValidator}: the model's validation knows every rule
 * of the spec, the schema is what tools in other languages check too.
 *
 * <p>Schemas are JSON Schema draft-07 (draft-04 and -06 keywords are understood too), checked against
 * the official JSON Schema Test Suite. {@code format} is asserted for the draft-07 formats, as the
 * reference's schema library does, and ignored for others; patterns are ECMA-262 regular
 * expressions. Every {@code $ref} is loaded and checked when the schema is loaded, so validation
 * never does I/O beyond reading the spec file; the draft-07 meta-schema is bundled and never fetched.
 * Instances are immutable and thread-safe.
 *
 * <p>A YAML spec is checked as jcdi reads it: a plain (unquoted) scalar is a string, and also a
 * boolean or number when its text reads as one ({@code name: y} is the string {@code y} to a field
 * that wants a string, {@code fileMode: 0660} is the integer 432 to one that wants an integer).
 */
public final class SpecSchema {
  /** Where the reference looks for an administrator's schema before falling back to its builtin one. */
  public static final Path DEFAULT_EXTERNAL_SCHEMA = Path.of("/etc/cdi/schema/schema.json");

  private static final URI BUILTIN_ROOT = URI.create("file:///schema.json");
  private static final URI BUILTIN_DEFS = URI.create("file:///defs.json");
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
  private static final long MAX_SCHEMA_BYTES = 8L << 20;
  private static final ParserSettings PARSER = new ParserSettings(
      new Limits(SpecReader.Limits.DEFAULT.maxBytes(), SpecReader.Limits.DEFAULT.maxDepth(),
          SpecReader.Limits.DEFAULT.maxAliases(), SpecReader.Limits.DEFAULT.maxNodes()));
  private static final SpecSchema NONE = new SpecSchema("none", null);

  private static final class Builtin {
    static final SpecSchema INSTANCE = loadBuiltin();
  }

  private final String name;
  private final SchemaSet schema;

  private SpecSchema(String name, SchemaSet schema) {
    this.name = name;
    this.schema = schema;
  }

  /** {@return jcdi's copy of the CDI schema (spec versions 0.3.0 to 1.1.0; see {@code schema.json})} */
  public static SpecSchema builtin() {
    return Builtin.INSTANCE;
  }

  /** {@return the schema that accepts everything} */
  public static SpecSchema none() {
    return NONE;
  }

  /**
   * Loads a schema by name, as the reference's {@code schema.Load} does: {@code builtin}, {@code none}
   * (or empty), an {@code http://}/{@code https://} URL, a {@code file:} URL or a file path.
   *
   * @param source {@code builtin}, {@code none}, a URL or a file path
   * @return the schema; for {@code none}, one that accepts every spec
   * @throws SchemaException when the schema, or a document it refers to, cannot be read or is not a
   *     usable JSON Schema
   */
  public static SpecSchema load(String source) throws SchemaException {
    String s = Objects.requireNonNull(source, "source").strip();
    if (s.equals("builtin")) {
      return builtin();
    }
    if (s.isEmpty() || s.equals("none")) {
      return none();
    }
    try {
      if (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("file:")) {
        return load(URI.create(s));
      }
      return load(Path.of(s));
    } catch (IllegalArgumentException e) { // a malformed URI or path (InvalidPathException too)
      throw new SchemaException("cannot load JSON schema " + s + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads the schema in {@code file}; relative {@code $ref}s name files beside it.
   *
   * @param file the schema file
   * @return the schema
   * @throws SchemaException when the schema, or a document it refers to, cannot be read or is not a
   *     usable JSON Schema
   */
  public static SpecSchema load(Path file) throws SchemaException {
    return load(file.toAbsolutePath().normalize().toUri());
  }

  /**
   * Loads the schema at a {@code file:}, {@code http:} or {@code https:} URI (15 s timeout per document).
   *
   * @param uri the schema's URI
   * @return the schema
   * @throws SchemaException when the schema, or a document it refers to, cannot be read or is not a
   *     usable JSON Schema
   */
  public static SpecSchema load(URI uri) throws SchemaException {
    if (uri.getScheme() == null || !List.of("file", "http", "https").contains(uri.getScheme())) {
      throw new SchemaException("cannot load JSON schema " + uri + ": only file, http and https URLs are supported");
    }
    return new SpecSchema(uri.toString(), SchemaSet.load(uri, Map.of(), SpecSchema::fetch));
  }

  private static String fetch(URI uri) throws IOException {
    if (uri.getScheme().equals("file")) {
      Path p;
      try {
        p = Path.of(uri);
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
        throw new IOException("not a local file URL (" + e.getMessage() + ")");
      }
      try {
        if (Files.size(p) > MAX_SCHEMA_BYTES) {
          throw new IOException("larger than " + MAX_SCHEMA_BYTES + " bytes");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new IOException("no such file");
      }
    }
    if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
      throw new IOException("unsupported URL scheme " + uri.getScheme());
    }
    if (uri.getHost() == null) {
      throw new IOException("no host in the URL");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        byte[] body = in.readNBytes((int) MAX_SCHEMA_BYTES + 1);
        if (r.statusCode() != 200) {
          throw new IOException("HTTP status " + r.statusCode());
        }
        if (body.length > MAX_SCHEMA_BYTES) {
          throw new IOException("larger than " + MAX_SCHEMA_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static SpecSchema loadBuiltin() {
    try {
      Map<URI, String> docs = Map.of(BUILTIN_ROOT, resource("schema.json"), BUILTIN_DEFS, resource("defs.json"));
      return new SpecSchema("builtin", SchemaSet.load(BUILTIN_ROOT, docs, uri -> {
        throw new IOException("the builtin schema refers to a document it does not have");
      }));
    } catch (IOException | SchemaException e) {
      throw new IllegalStateException("jcdi's builtin CDI schema is broken: " + e.getMessage(), e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SpecSchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@return {@code builtin}, {@code none}, or the URI the schema was loaded from} */
  public String name() {
    return name;
  }

  /** {@return whether this schema accepts everything ({@link #none()})} */
  public boolean isNone() {
    return schema == null;
  }

  /**
   * Checks the spec file at {@code file} (JSON if its name ends in {@code .json}, YAML otherwise).
   *
   * @param file the spec file
   * @return every violation, in file order; empty when the file conforms
   * @throws SpecParseException when the file is not well-formed JSON or YAML
   * @throws IOException when it cannot be read
   */
  public List<SchemaViolation> validate(Path file) throws IOException, SpecParseException {
    long size = Files.size(file);
    long max = SpecReader.Limits.DEFAULT.maxBytes();
    if (size > max) {
      throw new SpecParseException(file.toString(), new SourcePosition(1, 1), "file larger than the limit of " + max + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new SpecParseException(file.toString(), new SourcePosition(1, 1), "the file is not valid UTF-8");
    }
    return validate(text, SpecFormat.forPath(file), file.toString());
  }

  /**
   * Checks spec text in {@code format}.
   *
   * @param source the name to report a syntax error under
   * @param content the spec text
   * @param format the format to parse
   * @return every violation, in file order; empty when the text conforms
   * @throws SpecParseException when the text is not well-formed JSON or YAML
   */
  public List<SchemaViolation> validate(String content, SpecFormat format, String source) throws SpecParseException {
    if (schema == null) {
      return List.of();
    }
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    Tree.Node root;
    try {
      root = format == SpecFormat.JSON ? new JsonTreeParser(PARSER).parse(text) : new YamlTreeParser(PARSER).parse(text);
    } catch (ParseFailure f) {
      throw new SpecParseException(source, f.position(), f.getMessage());
    }
    return Evaluator.validate(schema, root);
  }

  /**
   * Checks a spec as {@link SpecWriter} writes it in JSON; positions are in that JSON text.
   *
   * @param spec the spec to check
   * @return every violation; empty when the spec conforms
   */
  public List<SchemaViolation> validate(Spec spec) {
    try {
      return validate(SpecWriter.toJson(spec), SpecFormat.JSON, "spec");
    } catch (SpecParseException e) {
      throw new IllegalStateException("SpecWriter wrote JSON that does not parse", e);
    }
  }

  @Override
  public String toString() {
    return "SpecSchema[" + name + "]";
  }
}
