package dev.jcdi.spec;

import java.util.List;
import java.util.Optional;

/**
 * Intel RDT (resctrl) settings for the container (CDI 0.7.0). No component is ever {@code null}:
 * absent fields are empty, and the constructor reads a {@code null} argument as absent.
 *
 * <p>{@code enableCMT} and {@code enableMBM} existed from CDI 0.7.0 to 1.0.0 and were dropped in
 * 1.1.0; they are kept here so that older specs that use them read and write back unchanged. They
 * have no effect on an OCI config.
 *
 * @param closID the class of service; {@code /} is the root class
 * @param l3CacheSchema the L3 cache schema
 * @param memBwSchema the memory bandwidth schema
 * @param schemata the full schemata lines (CDI 1.1.0)
 * @param enableMonitoring whether to create a monitoring group (CDI 1.1.0)
 * @param enableCMT cache monitoring, CDI 0.7.0 to 1.0.0 only
 * @param enableMBM memory bandwidth monitoring, CDI 0.7.0 to 1.0.0 only
 */
public record IntelRdt(
    Optional<String> closID,
    Optional<String> l3CacheSchema,
    Optional<String> memBwSchema,
    Optional<List<String>> schemata,
    Optional<Boolean> enableMonitoring,
    Optional<Boolean> enableCMT,
    Optional<Boolean> enableMBM) {

  /**
   * Copies the schemata and reads {@code null} as absent.
   *
   * @param closID the class of service; {@code /} is the root class
   * @param l3CacheSchema the L3 cache schema
   * @param memBwSchema the memory bandwidth schema
   * @param schemata the full schemata lines (CDI 1.1.0)
   * @param enableMonitoring whether to create a monitoring group (CDI 1.1.0)
   * @param enableCMT cache monitoring, CDI 0.7.0 to 1.0.0 only
   * @param enableMBM memory bandwidth monitoring, CDI 0.7.0 to 1.0.0 only
   */
  public IntelRdt {
    closID = Lists.optional(closID);
    l3CacheSchema = Lists.optional(l3CacheSchema);
    memBwSchema = Lists.optional(memBwSchema);
    // present but empty counts (it needs CDI 1.1.0), so schemata keeps absent apart from []
    schemata = schemata == null || schemata.isEmpty() ? Optional.empty() : Optional.of(Lists.copy(schemata.get(), "schemata"));
    enableMonitoring = Lists.optional(enableMonitoring);
    enableCMT = Lists.optional(enableCMT);
    enableMBM = Lists.optional(enableMBM);
  }

  /** Settings with every field absent: {@code intelRdt: {}}, which still needs CDI 0.7.0. */
  public static final IntelRdt EMPTY = new IntelRdt(null, null, null, null, null, null, null);

  /**
   * Returns intelRdt settings with only a class of service.
   *
   * @param closID the class of service
   * @return new settings
   */
  public static IntelRdt ofClosId(String closID) {
    return new IntelRdt(Optional.of(closID), null, null, null, null, null, null);
  }
}
