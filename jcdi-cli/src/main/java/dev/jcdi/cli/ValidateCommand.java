package dev.jcdi.cli;

import dev.jcdi.schema.SchemaException;
import dev.jcdi.schema.SchemaViolation;
import dev.jcdi.schema.SpecSchema;
import dev.jcdi.spec.SpecDocument;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.SourcePosition;
import dev.jcdi.spec.SpecFormat;
import dev.jcdi.spec.SpecParseException;
import dev.jcdi.spec.SpecReader;
import dev.jcdi.spec.SpecValidator;
import dev.jcdi.spec.Violation;
import dev.jcdi.spec.internal.SpecFileProblems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cdi validate [PATH...]}: reports every problem of spec files as {@code path:line:col: message}. */
@Command(
    name = "validate",
    description = {
      "Validate spec files, or the spec files in directories (default: the spec directories).",
      "Prints path:line:col: message for each problem; exits 0 only if every file is valid.",
      "With --schema, each file is also checked against a JSON Schema (draft-07)."
    })
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand Cdi root;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Spec files or directories.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = {"-s", "--schema"},
      paramLabel = "SCHEMA",
      description =
          "Also check every file against a JSON Schema: builtin (jcdi's copy of the CDI schema), none, a"
              + " schema file, or an http(s) URL; $refs are resolved beside it. The value is optional and,"
              + " as with every optional value, attached: --schema alone is builtin, --schema=FILE or -sFILE"
              + " another schema.")
  String schemaName;

  @Option(
      names = "--for",
      paramLabel = "CONSUMER",
      completionCandidates = ConsumerNames.class,
      description = "Also report what an engine release would refuse or crash on: ${COMPLETION-CANDIDATES}.")
  String consumerName;

  /** The consumers --for knows, for help and completion. */
  static final class ConsumerNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Consumers.load().names().iterator();
    }
  }

  /**
   * Gives a bare {@code --schema} or {@code -s} after {@code validate} its default value, so that the
   * next argument stays a path: an optional value must be attached ({@code --schema=FILE}), as in GNU
   * getopt. picocli cannot tell {@code --schema x} from {@code --schema=x}, hence this rewrite.
   */
  static String[] optionalSchemaValue(String[] args) {
    String[] out = args.clone();
    boolean inValidate = false;
    for (int i = 0; i < out.length; i++) {
      if (out[i].equals("--")) {
        break;
      }
      if (out[i].equals("-d") || out[i].equals("--spec-dir")) {
        i++; // its value is a directory name, whatever it looks like
      } else if (out[i].equals("validate")) {
        inValidate = true;
      } else if (inValidate && (out[i].equals("--schema") || out[i].equals("-s"))) {
        out[i] = "--schema=builtin";
      }
    }
    return out;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SpecSchema schema = SpecSchema.none();
    if (schemaName != null) {
      try {
        schema = SpecSchema.load(schemaName);
      } catch (SchemaException e) {
        err.println("cdi validate: " + e.getMessage());
        return 1;
      }
    }
    Consumers.Consumer consumer = null;
    if (consumerName != null) {
      Consumers known = Consumers.load();
      consumer = known.find(consumerName).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
          "--for: unknown consumer \"" + consumerName + "\"; known: " + String.join(", ", known.names())));
    }
    boolean explicit = !paths.isEmpty();
    if (!explicit) {
      root.warnMissingSpecDirs(err);
    }
    // a path given twice is checked once, so that its problems and conflicts are not counted twice
    List<Path> targets = List.copyOf(new java.util.LinkedHashSet<>(explicit ? paths : root.specDirs()));
    int files = 0;
    int errors = 0;
    int warnings = 0;
    Map<Path, SpecDocument> docs = new HashMap<>();
    for (Path target : targets) {
      List<Path> toCheck;
      try {
        toCheck = filesOf(target, explicit);
      } catch (IOException e) {
        // a spec directory's reason as the registry gives it; a file given by name as any file's
        String reason = Files.isDirectory(target) ? SpecFileProblems.dirError(e)
            : e instanceof java.nio.file.NotDirectoryException ? "spec directory is not a directory"
            : SpecFileProblems.readError(e);
        out.println(target + ":1:1: " + reason);
        errors++;
        continue;
      }
      for (Path file : toCheck) {
        files++;
        int[] counts = check(file, schema, out, docs);
        errors += counts[0];
        warnings += counts[1];
      }
    }
    errors += conflicts(targets.stream().filter(Files::isDirectory).toList(), docs, out);
    if (consumer != null) {
      errors += ConsumerReport.print(consumer, docs, out);
    }
    out.flush();
    err.println(
        "cdi validate: " + files + (files == 1 ? " file, " : " files, ") + errors
            + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
    return errors == 0 ? 0 : 1;
  }

  /**
   * Returns the spec files to check at {@code target}: the file itself, or a directory's
   * *.json/*.yaml entries that are not directories. A spec directory (no path given) must be a
   * directory, as the registry requires.
   */
  private static List<Path> filesOf(Path target, boolean explicit) throws IOException {
    if (Files.isDirectory(target)) {
      try (Stream<Path> s = Files.list(target)) {
        return s.filter(p -> SpecFormat.ofSpecFileName(p.getFileName().toString()).isPresent())
            .filter(p -> !Files.isDirectory(p))
            .sorted()
            .toList();
      }
    }
    if (explicit) {
      return List.of(target); // check() says what it is if it is no spec file
    }
    if (!Files.exists(target)) { // a dangling link too, as the registry reads it
      return List.of(); // a default spec directory that does not exist holds no specs
    }
    throw new java.nio.file.NotDirectoryException(target.toString());
  }

  /** A problem to print, ordered by its place in the file. */
  private record Diagnostic(int line, int column, String text, boolean error) {}

  /** Checks one file, printing its problems in file order; returns {errors, warnings}. */
  private static int[] check(Path file, SpecSchema schema, PrintWriter out, Map<Path, SpecDocument> valid) {
    List<Diagnostic> found = new ArrayList<>();
    SpecDocument doc;
    List<String> brokenFields = new ArrayList<>();
    // the registry's reasons (SpecFileProblems): a FIFO or device would block the read or never
    // end, a name without text that names it cannot be read by name
    java.util.Optional<String> problem = SpecFileProblems.examine(file);
    if (problem.isPresent()) {
      out.println(file + ":1:1: " + problem.get());
      return new int[] {1, 0};
    }
    try {
      doc = SpecReader.standard().read(file);
    } catch (SpecParseException e) {
      for (SpecParseException.Problem p : e.problems()) {
        SourcePosition at = p.position() == null ? new SourcePosition(1, 1) : p.position();
        found.add(new Diagnostic(at.line(), at.column(), p.message(), true));
        brokenFields.add(p.fieldPath());
      }
      doc = e.partialDocument().orElse(null);
    } catch (IOException e) {
      out.println(file + ":1:1: " + SpecFileProblems.readError(e));
      return new int[] {1, 0};
    }
    if (doc != null) {
      for (Violation v : SpecValidator.validate(doc)) {
        // A field that could not be read is absent from the partial spec: do not report it twice,
        // nor its parent as missing or empty for the want of it.
        if (brokenFields.stream().anyMatch(b -> !b.isEmpty() && (within(v.path(), b) || within(b, v.path())))) {
          continue;
        }
        SourcePosition at = doc.position(v.path()).orElse(new SourcePosition(1, 1));
        found.add(new Diagnostic(at.line(), at.column(), v.toString(), v.isError()));
      }
    }
    if (!schema.isNone() && doc != null) {
      found.addAll(schemaDiagnostics(file, schema, found));
    }
    found.sort(java.util.Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
    int errors = 0;
    for (Diagnostic d : found) {
      out.println(file + ":" + d.line() + ":" + d.column() + ": " + d.text());
      errors += d.error() ? 1 : 0;
    }
    if (doc != null && errors == 0) {
      valid.put(file.toAbsolutePath().normalize(), doc);
    }
    return new int[] {errors, found.size() - errors};
  }

  /** Returns whether field path {@code path} is {@code field} or lies inside it. */
  private static boolean within(String path, String field) {
    return path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[");
  }

  /**
   * Checks a file that parsed against {@code schema}; a violation at a place that already has a
   * problem is the same problem seen twice (an unknown field, a wrong type) and is left out.
   */
  private static List<Diagnostic> schemaDiagnostics(Path file, SpecSchema schema, List<Diagnostic> found) {
    List<SchemaViolation> violations;
    try {
      violations = schema.validate(file);
    } catch (IOException e) { // SpecParseException too
      return List.of(); // the reader has already reported why the file cannot be read
    } catch (RuntimeException e) {
      // a fault in a schema's evaluation costs this file's schema check, never the whole run
      return List.of(new Diagnostic(1, 1, "schema " + schema.name() + ": cannot be evaluated: " + Cdi.describe(e), true));
    }
    List<Diagnostic> out = new ArrayList<>();
    for (SchemaViolation v : violations) {
      int line = v.position().line();
      int column = v.position().column();
      if (found.stream().noneMatch(d -> d.line() == line && d.column() == column)) {
        out.add(new Diagnostic(line, column, "schema " + schema.name() + ": " + v, true));
      }
    }
    return out;
  }

  /**
   * Reports devices that two valid files of one directory define (a registry drops such a device,
   * cdi-reference.md §5), at the device's name in both files, from the specs already read; returns
   * how many were reported. A device in two directories is no conflict: the later one wins.
   */
  private static int conflicts(List<Path> dirs, Map<Path, SpecDocument> valid, PrintWriter out) {
    int count = 0;
    for (Path dir : dirs) {
      Path d = dir.toAbsolutePath().normalize();
      List<Path> files = valid.keySet().stream().filter(f -> d.equals(f.getParent())).sorted().toList();
      Map<String, Path> first = new HashMap<>();
      for (Path file : files) {
        List<Device> devices = valid.get(file).spec().devices();
        for (int i = 0; i < devices.size(); i++) {
          String q = valid.get(file).spec().kind() + "=" + devices.get(i).name();
          Path older = first.putIfAbsent(q, file);
          if (older == null) {
            continue;
          }
          String message = "conflicting device \"" + q + "\" (specs \"" + dir.resolve(file.getFileName())
              + "\", \"" + dir.resolve(older.getFileName()) + "\")";
          out.println(dir.resolve(older.getFileName()) + ":" + namePosition(valid.get(older), devices.get(i).name()) + ": " + message);
          out.println(dir.resolve(file.getFileName()) + ":" + valid.get(file).position("devices[" + i + "].name").orElse(new SourcePosition(1, 1)) + ": " + message);
          count += 2;
        }
      }
    }
    return count;
  }

  private static SourcePosition namePosition(SpecDocument doc, String name) {
    List<Device> devices = doc.spec().devices();
    for (int i = 0; i < devices.size(); i++) {
      if (name.equals(devices.get(i).name())) {
        return doc.position("devices[" + i + "].name").orElse(new SourcePosition(1, 1));
      }
    }
    return new SourcePosition(1, 1);
  }

}
