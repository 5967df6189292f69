package io.github.tweestap.device;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one node-local registry the pack keeps (DESIGN.md, "waiters"): requests of this node that are waiting to be
 * woken. It holds no state, only the futures to complete; the state itself lives in the cluster-wide stores, and
 * wake-ups come from any node as {@link WakeEvent}s. The number of waiters is capped per node.
 */
public final class Waiters {

    static final int PER_KEY = 2;

    private final ConcurrentHashMap<String, Set<CompletableFuture<Boolean>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    public Waiters(int max) {
        this.max = max;
    }

    /**
     * A future completed when {@code key} is woken; null when the node already has its maximum of waiters. One key
     * (one challenge, one device) holds at most {@value #PER_KEY} waiters: a further one sends the oldest away
     * (completed with false, as after a timeout), so a single client cannot fill the node's quota.
     */
    public CompletableFuture<Boolean> register(String key) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return null;
        }
        CompletableFuture<Boolean> future = new CompletableFuture<>();
        List<CompletableFuture<Boolean>> evicted = new ArrayList<>(1);
        // compute/remove/computeIfPresent on one key are atomic with each other, so a waiter is never added to a
        // set that a concurrent wake has already taken away.
        waiting.compute(key, (k, set) -> {
            Set<CompletableFuture<Boolean>> waiters = set == null ? new LinkedHashSet<>() : set;
            if (waiters.size() >= PER_KEY) {
                Iterator<CompletableFuture<Boolean>> oldest = waiters.iterator();
                evicted.add(oldest.next());
                oldest.remove();
            }
            waiters.add(future);
            return waiters;
        });
        for (CompletableFuture<Boolean> old : evicted) {
            count.decrementAndGet();
            old.complete(Boolean.FALSE); // outside compute: its callbacks may call release()
        }
        return future;
    }

    /** Forgets a waiter (after it was woken or timed out). */
    public void release(String key, CompletableFuture<Boolean> future) {
        waiting.computeIfPresent(key, (k, set) -> {
            if (set.remove(future)) {
                count.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** Wakes every waiter of {@code key} on this node. */
    public void wake(String key) {
        Set<CompletableFuture<Boolean>> woken = waiting.remove(key);
        if (woken != null) {
            for (CompletableFuture<Boolean> future : woken) {
                count.decrementAndGet();
                future.complete(Boolean.TRUE);
            }
        }
    }

    public int size() {
        return count.get();
    }
}
