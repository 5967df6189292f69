package io.github.tweestap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SlotQuotaTest {

    /** Keycloak's single-use store as far as the quota uses it: atomic putIfAbsent, contains, lifespans. */
    static final class MemoryStore implements SingleUseObjectProvider {
        final Map<String, Long> keys = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            lookups.incrementAndGet();
            return keys.putIfAbsent(key, lifespanSeconds) == null;
        }

        @Override
        public boolean contains(String key) {
            lookups.incrementAndGet();
            return keys.containsKey(key);
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            keys.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            return keys.containsKey(key) ? new HashMap<>() : null;
        }

        @Override
        public Map<String, String> remove(String key) {
            return keys.remove(key) != null ? new HashMap<>() : null;
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return keys.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void exactlyTheLimitIsGrantedPerWindowAndSubject() {
        MemoryStore store = new MemoryStore();
        SlotQuota quota = new SlotQuota(store);
        int granted = 0;
        for (int i = 0; i < 50; i++) {
            if (quota.tryAcquire("sms.user", "user-1", 7, 3600, 10_000)) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(7);
        assertThat(quota.tryAcquire("sms.user", "user-2", 7, 3600, 10_000)).as("another subject").isTrue();
        assertThat(quota.tryAcquire("sms.ip", "user-1", 7, 3600, 10_000)).as("another scope").isTrue();
        assertThat(quota.tryAcquire("sms.user", "user-1", 7, 3600, 10_800)).as("the next window").isTrue();
    }

    @Test
    void slotKeysLiveUntilTheEndOfTheirWindowAndHideTheSubject() {
        MemoryStore store = new MemoryStore();
        new SlotQuota(store).tryAcquire("sms.destination", "+31612345678", 3, 3600, 7_000);
        assertThat(store.keys).hasSize(1);
        String key = store.keys.keySet().iterator().next();
        assertThat(key).startsWith("tweestap.quota.sms.destination.").doesNotContain("612345678");
        assertThat(store.keys.get(key)).isEqualTo(7_200 - 7_000 + 1);
    }

    @Test
    void zeroAllowsNothing() {
        assertThat(new SlotQuota(new MemoryStore()).tryAcquire("sms.realm", "r", 0, 3600, 1)).isFalse();
    }

    @Test
    void findingAFreeSlotTakesLogarithmicLookups() {
        MemoryStore store = new MemoryStore();
        SlotQuota quota = new SlotQuota(store);
        for (int i = 0; i < 1000; i++) {
            quota.tryAcquire("sms.realm", "r", 1024, 3600, 1);
        }
        store.lookups.set(0);
        assertThat(quota.tryAcquire("sms.realm", "r", 1024, 3600, 1)).isTrue();
        assertThat(store.lookups.get()).isLessThanOrEqualTo(12);
    }

    @Test
    void concurrentCallersNeverShareASlot() throws InterruptedException {
        MemoryStore store = new MemoryStore();
        SlotQuota quota = new SlotQuota(store);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            pool.submit(() -> {
                if (quota.tryAcquire("sms.ip", "10.0.0.1", 25, 3600, 5)) {
                    granted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted.get()).isEqualTo(25);
    }
}
