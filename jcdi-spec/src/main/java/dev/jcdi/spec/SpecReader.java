package dev.jcdi.spec;

import dev.jcdi.spec.internal.JsonTreeParser;
import dev.jcdi.spec.internal.ParseFailure;
import dev.jcdi.spec.internal.ParserSettings;
import dev.jcdi.spec.internal.SpecBinder;
import dev.jcdi.spec.internal.Tree;
import dev.jcdi.spec.internal.YamlTreeParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CDI spec files, strictly: a key the spec does not define (or defines with other case), a
 * duplicate key, a value of the wrong type, content after the document, or a file over the {@link
 * Limits} is an error with its line and column. JSON or YAML is chosen by the file's extension.
 *
 * <p>YAML scalars keep their text where the field is a string ({@code name: y} is the device
 * {@code y}); integers read as vendors mean them ({@code fileMode: 0660} is octal). A reader only
 * reads: {@link SpecValidator} checks the spec's rules. Instances are immutable and thread-safe.
 */
public final class SpecReader {

  /**
   * Limits against hostile or broken files.
   *
   * @param maxBytes the largest file accepted
   * @param maxDepth the deepest nesting of maps and lists
   * @param maxAliases the most YAML aliases ({@code *name}) in one file
   * @param maxNodes the most values in one file, counting what aliases expand to
   */
  public record Limits(long maxBytes, int maxDepth, int maxAliases, long maxNodes) {
    /** 8 MiB, 32 levels, 256 aliases, one million values. */
    public static final Limits DEFAULT = new Limits(8L << 20, 32, 256, 1_000_000);

    /**
     * Checks that every limit is positive (aliases may be zero).
     *
     * @param maxBytes the largest file accepted
     * @param maxDepth the deepest nesting of maps and lists
     * @param maxAliases the most YAML aliases ({@code *name}) in one file
     * @param maxNodes the most values in one file, counting what aliases expand to
     * @throws IllegalArgumentException when a limit is not positive
     */
    public Limits {
      if (maxBytes <= 0 || maxDepth <= 0 || maxAliases < 0 || maxNodes <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  private static final SpecReader STANDARD = new SpecReader(Limits.DEFAULT);

  private final Limits limits;
  private final ParserSettings settings;

  private SpecReader(Limits limits) {
    this.limits = limits;
    this.settings =
        new ParserSettings(
            new dev.jcdi.spec.internal.Limits(limits.maxBytes(), limits.maxDepth(), limits.maxAliases(), limits.maxNodes()));
  }

  /** {@return a reader with the default limits} */
  public static SpecReader standard() {
    return STANDARD;
  }

  /**
   * {@return a reader with the given limits}
   *
   * @param limits the limits to read with
   */
  public static SpecReader withLimits(Limits limits) {
    return new SpecReader(limits);
  }

  /** {@return this reader's limits} */
  public Limits limits() {
    return limits;
  }

  /**
   * Reads the spec file at {@code file}: JSON if its name ends in {@code .json}, YAML otherwise.
   *
   * @param file the spec file
   * @return the spec with the source position of each field
   * @throws SpecParseException when the file is not a well-formed spec
   * @throws IOException when the file cannot be read
   */
  public SpecDocument read(Path file) throws IOException {
    String source = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
    }
    if (bytes.length > limits.maxBytes()) {
      throw new SpecParseException(source, new SourcePosition(1, 1), "file larger than the limit of " + limits.maxBytes() + " bytes");
    }
    return parse(bytes, SpecFormat.forPath(file), source);
  }

  /**
   * Parses a spec from UTF-8 bytes.
   *
   * @param source the name to report problems under, e.g. the file name
   * @param content the file's bytes
   * @param format the format to parse
   * @return the spec with the source position of each field
   * @throws SpecParseException when the content is not a well-formed spec
   */
  public SpecDocument parse(byte[] content, SpecFormat format, String source) throws SpecParseException {
    if (content.length > limits.maxBytes()) {
      throw new SpecParseException(source, new SourcePosition(1, 1), "file larger than the limit of " + limits.maxBytes() + " bytes");
    }
    // new String(bytes, UTF_8) decodes in one pass and writes U+FFFD for every malformed sequence:
    // text without U+FFFD came from valid UTF-8. Only text with one (rare) needs the strict decoder
    // to tell a U+FFFD the file holds from one standing for a broken sequence.
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(content));
      } catch (CharacterCodingException e) {
        throw new SpecParseException(source, new SourcePosition(1, 1), "the file is not valid UTF-8");
      }
    }
    // content.length is the text's length in UTF-8, checked above: no need to count it again
    return parseText(text, format, source);
  }

  /**
   * Parses a spec from text.
   *
   * @param source the name to report problems under, e.g. the file name
   * @param content the file's text
   * @param format the format to parse
   * @return the spec with the source position of each field
   * @throws SpecParseException when the content is not a well-formed spec
   */
  public SpecDocument parse(String content, SpecFormat format, String source) throws SpecParseException {
    if (utf8Length(content) > limits.maxBytes()) {
      throw new SpecParseException(source, new SourcePosition(1, 1), "file larger than the limit of " + limits.maxBytes() + " bytes");
    }
    return parseText(content, format, source);
  }

  /** Parses text whose UTF-8 length is within the limit. */
  private SpecDocument parseText(String content, SpecFormat format, String source) throws SpecParseException {
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    Tree.Node root;
    try {
      root = format == SpecFormat.JSON ? new JsonTreeParser(settings).parse(content) : new YamlTreeParser(settings).parse(content);
    } catch (ParseFailure f) {
      throw new SpecParseException(source, f.position(), f.getMessage());
    } catch (StackOverflowError e) {
      throw new SpecParseException(source, new SourcePosition(1, 1), "nesting too deep");
    }
    SpecBinder.Result r = SpecBinder.bind(root);
    if (!r.problems().isEmpty()) {
      List<SpecParseException.Problem> sorted =
          r.problems().stream()
              .sorted(
                  java.util.Comparator.comparing(
                      (SpecParseException.Problem p) -> p.position().line())
                      .thenComparing(p -> p.position().column()))
              .toList();
      SpecDocument partial = r.spec() == null ? null : new SpecDocument(source, format, r.spec(), new PositionMap(r.positions()));
      throw new SpecParseException(source, sorted, partial);
    }
    return new SpecDocument(source, format, r.spec(), new PositionMap(r.positions()));
  }

  /** Returns the length of {@code s} in UTF-8, the unit {@link Limits#maxBytes} counts in. */
  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
