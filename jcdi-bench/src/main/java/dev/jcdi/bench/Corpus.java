package dev.jcdi.bench;

import dev.jcdi.spec.ContainerEdits;
import dev.jcdi.spec.Device;
import dev.jcdi.spec.DeviceNode;
import dev.jcdi.spec.Hook;
import dev.jcdi.spec.Kind;
import dev.jcdi.spec.Mount;
import dev.jcdi.spec.Spec;
import dev.jcdi.spec.SpecFiles;
import dev.jcdi.spec.SpecFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The benchmark corpora of design.md, generated deterministically (same arguments, same bytes) with
 * the producer API ({@link SpecFiles#write}):
 *
 * <ul>
 *   <li>{@link #gpuNodes GPU-node specs}: one spec per GPU vendor on a node, each with 9 devices
 *       (8 GPUs and {@code all}, fully specified character device nodes and env), and spec-level
 *       edits with 2 control device nodes, 40 library bind mounts, 3 hooks and env;
 *   <li>{@link #transientSpecs transient specs}: DRA-style, one spec file per claim with one device
 *       (a device node and env), named with {@link SpecFiles#transientSpecName}.
 * </ul>
 *
 * <p>File formats: by default the files alternate, even indexes JSON and odd YAML, so a corpus
 * exercises both readers half and half (producers in the wild write both: DRA drivers tend to write
 * JSON, device-plugin generators YAML). {@link Formats#JSON} and {@link Formats#YAML} give
 * single-format corpora to tell the two readers' costs apart.
 *
 * <p>Every device node carries type, major and minor, so loading needs no host device; injection
 * still stats the host path for the file mode, as the reference does.
 */
public final class Corpus {
  /** The seed every corpus is generated from. */
  public static final long SEED = 0x6A636469L; // "jcdi"

  /** The default sizes of design.md. */
  public static final int GPU_SPECS = 20;
  public static final int TRANSIENT_SPECS = 5_000;

  /** The kind of every transient spec. */
  public static final String TRANSIENT_KIND = "k8s.dra.example.com/claim";

  private static final String DRIVER_VERSION = "550.54.15";
  private static final String LIB_DIR = "/usr/lib/x86_64-linux-gnu";
  private static final String[] LIB_STEMS = {
    "cuda", "gpu-ml", "gpu-cfg", "gpu-ptxjit", "gpu-opencl", "gpu-allocator", "gpu-compiler",
    "gpu-encode", "gpu-opticalflow", "gpu-fbc", "gpu-glcore", "gpu-glsi", "gpu-glvkspirv", "gpu-rtcore",
    "gpu-tls", "gpu-vksc", "gpu-eglcore", "gpu-pkcs11", "gpu-ngx", "gpu-nvvm", "EGL_gpu", "GLESv1_CM_gpu",
    "GLESv2_gpu", "GLX_gpu", "gpu-egl-gbm", "gpu-egl-wayland", "cudadebugger", "gpu-api", "gpu-gpucomp",
    "vdpau_gpu", "gpu-rtx", "gpu-present", "gpu-wayland-client", "gpu-cbl", "gpu-sandboxutils",
    "gpu-pkcs11-openssl3", "gpu-nscq", "gpu-fabric", "gpu-dcgm", "gpu-container"
  };

  private Corpus() {}

  /** Which format each file of a corpus is written in. */
  public enum Formats {
    /** Even file indexes JSON, odd YAML. */
    MIXED,
    JSON,
    YAML;

    SpecFormat of(int index) {
      return switch (this) {
        case JSON -> SpecFormat.JSON;
        case YAML -> SpecFormat.YAML;
        case MIXED -> index % 2 == 0 ? SpecFormat.JSON : SpecFormat.YAML;
      };
    }

    static Formats parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // GPU-node specs

  /** Writes {@value #GPU_SPECS} GPU-node specs into {@code dir}; returns the files, in index order. */
  public static List<Path> gpuNodes(Path dir) throws IOException {
    return gpuNodes(dir, GPU_SPECS, Formats.MIXED);
  }

  /** Writes {@code specs} GPU-node specs into {@code dir}; returns the files, in index order. */
  public static List<Path> gpuNodes(Path dir, int specs) throws IOException {
    return gpuNodes(dir, specs, Formats.MIXED);
  }

  /** Writes {@code specs} GPU-node specs into {@code dir} in the given formats. */
  public static List<Path> gpuNodes(Path dir, int specs, Formats formats) throws IOException {
    List<Path> written = new ArrayList<>(specs);
    for (int i = 0; i < specs; i++) {
      written.add(write(dir, gpuNodeSpec(i), gpuNodeFileName(i, formats.of(i))));
    }
    return written;
  }

  /** The kind of GPU-node spec {@code index}: a vendor of its own, so no two specs conflict. */
  public static String gpuNodeKind(int index) {
    return String.format(Locale.ROOT, "gpu%02d.example.com/gpu", index);
  }

  /** The file name of GPU-node spec {@code index}: {@code vendor-class} and the format's extension. */
  public static String gpuNodeFileName(int index, SpecFormat format) {
    return SpecFiles.specName(Kind.parse(gpuNodeKind(index))) + format.extension();
  }

  /** The qualified names of the devices of GPU-node spec {@code index}: GPUs 0 to 7, then {@code all}. */
  public static List<String> gpuNodeDevices(int index) {
    List<String> names = new ArrayList<>();
    for (String d : gpuDeviceNames()) {
      names.add(gpuNodeKind(index) + "=" + d);
    }
    return names;
  }

  private static List<String> gpuDeviceNames() {
    List<String> names = new ArrayList<>();
    for (int g = 0; g < 8; g++) {
      names.add(Integer.toString(g));
    }
    names.add("all");
    return names;
  }

  /** GPU-node spec {@code index}: 9 devices, 2 control nodes, 40 library mounts, 3 hooks, env. */
  public static Spec gpuNodeSpec(int index) {
    SplittableRandom rnd = new SplittableRandom(SEED ^ (0x9E3779B97F4A7C15L * (index + 1)));
    String vendor = String.format(Locale.ROOT, "gpu%02d", index);
    String upper = vendor.toUpperCase(Locale.ROOT);
    long major = 195 + index; // each vendor its own character-device major
    Spec.Builder spec = Spec.builder(gpuNodeKind(index));

    List<DeviceNode> allNodes = new ArrayList<>();
    for (int g = 0; g < 8; g++) {
      DeviceNode node = DeviceNode.charDevice("/dev/" + vendor + "-gpu" + g, major, g).withFileMode(0666L).withPermissions("rw");
      allNodes.add(node);
      String uuid = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
      String gpuIndex = Integer.toString(g);
      spec.device(Device.builder(gpuIndex)
          .edit(e -> e.deviceNodes(node)
              .env(upper + "_VISIBLE_DEVICES=" + uuid)
              .env(upper + "_DEVICE_INDEX=" + gpuIndex))
          .build());
    }
    spec.device(Device.builder("all")
        .edit(e -> e.deviceNodes(allNodes.toArray(DeviceNode[]::new)).env(upper + "_VISIBLE_DEVICES=all"))
        .build());

    ContainerEdits.Builder common = ContainerEdits.builder()
        .env(upper + "_DRIVER_VERSION=" + DRIVER_VERSION)
        .env(upper + "_DRIVER_CAPABILITIES=compute,utility,video")
        .env(upper + "_REQUIRE_ARCH=x86_64")
        .deviceNodes(
            DeviceNode.charDevice("/dev/" + vendor + "-ctl", major, 255).withFileMode(0666L).withPermissions("rw"),
            DeviceNode.charDevice("/dev/" + vendor + "-uvm", 510 + index, 0).withFileMode(0666L).withPermissions("rw"));
    List<String> libs = new ArrayList<>();
    for (int l = 0; l < LIB_STEMS.length; l++) {
      // libX.so.N: the driver's version for most, a small ABI number for a few
      String soVersion = rnd.nextInt(4) == 0 ? Integer.toString(1 + rnd.nextInt(3)) : DRIVER_VERSION;
      String lib = LIB_DIR + "/lib" + vendor + "-" + LIB_STEMS[l] + ".so." + soVersion;
      libs.add(lib);
      common.mounts(Mount.bind(lib, lib, "ro", "nosuid", "nodev", "bind"));
    }
    List<String> symlinkArgs = new ArrayList<>(List.of(vendor + "-ctk", "hook", "create-symlinks"));
    for (int l = 0; l < 4; l++) {
      String lib = libs.get(l);
      symlinkArgs.add("--link");
      symlinkArgs.add(lib + "::" + lib.substring(0, lib.indexOf(".so.") + 3) + ".1");
    }
    String ctk = "/usr/bin/" + vendor + "-ctk";
    common.hooks(
        new Hook(Hook.CREATE_CONTAINER, ctk, List.copyOf(symlinkArgs), null, null),
        new Hook(Hook.CREATE_CONTAINER, ctk,
            List.of(vendor + "-ctk", "hook", "update-ldcache", "--folder", LIB_DIR), List.of("LC_ALL=C"), java.util.OptionalLong.of(10)),
        Hook.of(Hook.START_CONTAINER, ctk, vendor + "-ctk", "hook", "check-devices", "--quiet"));
    spec.containerEdits(common.build());
    return spec.build();
  }

  // ---------------------------------------------------------------------------------------------
  // Transient (DRA-style) specs

  /** Writes {@value #TRANSIENT_SPECS} transient specs into {@code dir}; returns the files, in index order. */
  public static List<Path> transientSpecs(Path dir) throws IOException {
    return transientSpecs(dir, TRANSIENT_SPECS, Formats.MIXED);
  }

  /** Writes {@code n} transient specs into {@code dir}; returns the files, in index order. */
  public static List<Path> transientSpecs(Path dir, int n) throws IOException {
    return transientSpecs(dir, n, Formats.MIXED);
  }

  /** Writes {@code n} transient specs into {@code dir} in the given formats. */
  public static List<Path> transientSpecs(Path dir, int n, Formats formats) throws IOException {
    List<Path> written = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      written.add(write(dir, transientSpec(i, 0), transientFileName(i, formats.of(i))));
    }
    return written;
  }

  /** The claim UID of transient spec {@code index}, a UUID drawn from the seed. */
  public static String claimUid(int index) {
    SplittableRandom rnd = new SplittableRandom(SEED + index);
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }

  /** The file name of transient spec {@code index}: {@link SpecFiles#transientSpecName} and the extension. */
  public static String transientFileName(int index, SpecFormat format) {
    return SpecFiles.transientSpecName(Kind.parse(TRANSIENT_KIND), claimUid(index)) + format.extension();
  }

  /** The qualified name of the device of transient spec {@code index}. */
  public static String transientDevice(int index) {
    return TRANSIENT_KIND + "=" + claimUid(index);
  }

  /**
   * Transient spec {@code index}: one device, named by the claim UID, with a GPU device node and env.
   * {@code revision} changes the env only, for benchmarks that rewrite a file with new content.
   */
  public static Spec transientSpec(int index, int revision) {
    String uid = claimUid(index);
    int gpu = index % 8;
    DeviceNode node = DeviceNode.charDevice("/dev/dra-gpu" + gpu, 195, gpu).withFileMode(0666L).withPermissions("rw");
    return Spec.builder(TRANSIENT_KIND)
        .device(Device.builder(uid)
            .edit(e -> e.deviceNodes(node)
                .env("DRA_CLAIM_UID=" + uid)
                .env("GPU_VISIBLE_DEVICES=" + gpu)
                .env("DRA_CLAIM_REVISION=" + revision))
            .build())
        .build();
  }

  // ---------------------------------------------------------------------------------------------

  private static Path write(Path dir, Spec spec, String fileName) throws IOException {
    return SpecFiles.write(dir, spec, SpecFiles.WriteOptions.DEFAULT.withFileName(fileName));
  }

  /** Deletes {@code dir} and everything under it; a missing directory is fine. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Generates corpora for use with {@code ./cdi}:
   *
   * <pre>
   * Corpus all DIR                   DIR/gpu (20 GPU-node specs) and DIR/transient5000 (5,000 specs)
   * Corpus gpu DIR [N] [FORMATS]     N GPU-node specs (default 20) into DIR
   * Corpus transient DIR [N] [FORMATS]  N transient specs (default 5000) into DIR
   * </pre>
   *
   * FORMATS is {@code mixed} (default: even files JSON, odd YAML), {@code json} or {@code yaml}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      usage();
      return;
    }
    Path dir = Path.of(args[1]);
    Formats formats = args.length > 3 ? Formats.parse(args[3]) : Formats.MIXED;
    long start = System.nanoTime();
    int files;
    switch (args[0]) {
      case "all" -> {
        files = gpuNodes(dir.resolve("gpu")).size() + transientSpecs(dir.resolve("transient5000")).size();
      }
      case "gpu" -> files = gpuNodes(dir, args.length > 2 ? Integer.parseInt(args[2]) : GPU_SPECS, formats).size();
      case "transient" ->
          files = transientSpecs(dir, args.length > 2 ? Integer.parseInt(args[2]) : TRANSIENT_SPECS, formats).size();
      default -> {
        usage();
        return;
      }
    }
    System.err.printf(Locale.ROOT, "corpus: wrote %d spec files under %s in %.1f s%n",
        files, dir, (System.nanoTime() - start) / 1e9);
  }

  private static void usage() {
    System.err.println("usage: Corpus all DIR | Corpus gpu DIR [N] [mixed|json|yaml] | Corpus transient DIR [N] [mixed|json|yaml]");
    System.exit(2);
  }
}
