package dev.jcdi.runtime;

/**
 * Receives a {@link Registry}'s changes, one event at a time and in the order they happened, on the
 * thread that refreshed (the watch thread, or the caller of {@link Registry#refresh()}). A listener
 * may read the registry; it should return quickly, since later events wait for it.
 */
@FunctionalInterface
public interface RegistryListener {

  /**
   * Called for each change. An exception thrown here is logged and does not stop other listeners.
   *
   * @param event the change
   */
  void onEvent(RegistryEvent event);
}
