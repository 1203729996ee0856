package dev.jcdi.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcdi.runtime.Annotations;
import dev.jcdi.runtime.InvalidAnnotationException;
import dev.jcdi.oci.OciConfig;
import dev.jcdi.oci.OciConfigException;
import dev.jcdi.spec.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The CDI devices an OCI config requests, each once, in request order, and the config with the
 * placeholder {@code linux.devices} entries that named them removed.
 *
 * <p>Requests come from, in this order: {@code process.env} entries {@code CDI_DEVICES=a,b} (only
 * when asked for: the way of engines that can pass nothing but env, used by {@code cdi-runtime});
 * {@code cdi.k8s.io/} annotations (sorted by key, as {@link Annotations#parse} gives them); and
 * {@code linux.devices[].path} entries that hold a qualified name. A device named twice is injected
 * once, as containerd does: applying one device's edits twice would duplicate its mounts and hooks.
 *
 * @param devices the requested qualified names, without repeats
 * @param config the config without the placeholder device entries; the input itself when there were none
 */
record DeviceRequests(List<String> devices, OciConfig config) {
  /** The environment variable that requests devices from inside {@code process.env}. */
  static final String ENV = "CDI_DEVICES";

  DeviceRequests {
    devices = List.copyOf(devices);
  }

  boolean isEmpty() {
    return devices.isEmpty();
  }

  /**
   * Collects the requests of {@code oci}.
   *
   * @param fromEnv whether {@code CDI_DEVICES} in {@code process.env} counts
   * @throws InvalidAnnotationException when a {@code cdi.k8s.io/} annotation holds an invalid name
   * @throws IllegalArgumentException when {@code CDI_DEVICES} holds something that is not a qualified name
   */
  static DeviceRequests of(OciConfig oci, boolean fromEnv) throws OciConfigException {
    LinkedHashSet<String> requested = new LinkedHashSet<>();
    if (fromEnv) {
      for (String e : oci.env()) {
        if (e.startsWith(ENV + "=")) {
          for (String item : e.substring(ENV.length() + 1).split(",")) {
            String name = item.strip();
            if (name.isEmpty()) {
              continue;
            }
            if (!QualifiedName.isQualifiedName(name)) {
              throw new IllegalArgumentException(
                  "process.env " + ENV + ": \"" + name + "\" is not a qualified CDI device name (vendor.com/class=name)");
            }
            requested.add(name);
          }
        }
      }
    }
    requested.addAll(Annotations.parse(oci.annotations()).devices());
    // tree() is a copy: the placeholders are removed from it, and the config is rebuilt only if any were
    ObjectNode tree = (ObjectNode) oci.tree();
    boolean placeholders = false;
    if (tree.path("linux").path("devices") instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); ) {
        String path = list.get(i).path("path").asText("");
        if (QualifiedName.isQualifiedName(path)) {
          requested.add(path);
          list.remove(i);
          placeholders = true;
        } else {
          i++;
        }
      }
    }
    if (!placeholders) {
      return new DeviceRequests(new ArrayList<>(requested), oci);
    }
    return new DeviceRequests(new ArrayList<>(requested), OciConfig.of(tree));
  }
}
