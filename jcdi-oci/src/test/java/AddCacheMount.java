import dev.jcdi.oci.ConfigEditor;
import dev.jcdi.oci.OciConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Gives the container of an OCI bundle a read-only cache: an env entry and a bind mount. */
public final class AddCacheMount {
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0], "config.json"); // args[0]: the bundle directory
    OciConfig config = OciConfig.read(file);

    ConfigEditor edit = config.edit();
    edit.process().setEnv("CACHE_DIR=/cache"); // replaces CACHE_DIR=... if set, else appends
    edit.mounts().add(OciConfig.MountEntry.of("/cache", "bind", "/var/cache/app", List.of("rbind", "ro")));

    edit.toConfig().writeTo(file); // temp file, fsync, rename: readers never see half a config
  }
}
