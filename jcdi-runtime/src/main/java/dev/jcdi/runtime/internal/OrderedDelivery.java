package dev.jcdi.runtime.internal;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Delivers items to a consumer one at a time in the order they were queued, on the threads that
 * queue them, never two at once. An item queued from inside the consumer is delivered after the
 * current one returns, so nested producers cannot reorder items.
 */
public final class OrderedDelivery<T> {
  private final Queue<T> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock delivering = new ReentrantLock();
  private final Consumer<T> consumer;

  public OrderedDelivery(Consumer<T> consumer) {
    this.consumer = consumer;
  }

  /** Queues items; callers that must keep their relative order queue under a common lock. */
  public void enqueue(List<T> items) {
    pending.addAll(items);
  }

  /**
   * Delivers everything queued. Returns once what this thread queued has been delivered, unless
   * called from inside the consumer, in which case the outer delivery loop delivers it.
   */
  public void drain() {
    if (delivering.isHeldByCurrentThread()) {
      return;
    }
    delivering.lock();
    try {
      T item;
      while ((item = pending.poll()) != null) {
        consumer.accept(item);
      }
    } finally {
      delivering.unlock();
    }
  }
}
