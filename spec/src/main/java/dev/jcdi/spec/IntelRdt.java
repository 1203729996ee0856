package dev.jcdi.spec;

import java.util.List;

/**
 * Intel RDT (resctrl) settings for the container (CDI 0.7.0). Absent fields are {@code null}.
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
    String closID,
    String l3CacheSchema,
    String memBwSchema,
    List<String> schemata,
    Boolean enableMonitoring,
    Boolean enableCMT,
    Boolean enableMBM) {

  public IntelRdt {
    schemata = Lists.copy(schemata, "schemata");
  }

  /** Returns intelRdt settings with only a class of service. */
  public static IntelRdt ofClosId(String closID) {
    return new IntelRdt(closID, null, null, null, null, null, null);
  }
}
