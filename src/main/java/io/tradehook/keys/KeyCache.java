package io.tradehook.keys;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradehook.keys.KeyRepository.StoredKey;

/**
 * The webhook path's key look-up, answered from memory when it can. An entry is served only while
 * {@link KeyChangeListener} listens to the database's change notifications; otherwise every look-up goes to the
 * database, and the cache is emptied whenever listening starts again, so a change made while nobody listened is
 * never missed. Entries also age out after the configured time-to-live, and an entry whose owner's subscription
 * starts or ends is reloaded from that instant on. The secret and the key's expiry are checked on every request.
 */
public final class KeyCache {

    /** Enough for every key of a large gateway; beyond it the least used entries go. */
    static final long MAX_ENTRIES = 50_000;

    private final KeyRepository repository;
    private final Clock clock;
    /** Null when the cache is off (time-to-live zero). */
    private final Cache<String, StoredKey> cache;
    /**
     * API keys the database did not know, for a short while: a prober repeating a made-up key costs no query. A new
     * key is random, so it is never one of these; its creation's notification evicts it all the same.
     */
    private final Cache<String, Boolean> unknown;
    /**
     * Bumped before every eviction: a look-up that read the database before a change and stores its result after
     * the change's eviction sees the bump and drops what it stored.
     */
    private final AtomicLong evictions = new AtomicLong();
    private volatile boolean listening;
    private final Counter fromCache;
    private final Counter fromDatabase;
    private final Counter knownUnknown;

    public KeyCache(KeyRepository repository, Duration ttl, MeterRegistry meters, Clock clock) {
        this(repository, ttl, Duration.ofSeconds(10), meters, clock);
    }

    /** @param unknownTtl how long an API key the database did not know is answered unknown from memory (0: never) */
    public KeyCache(KeyRepository repository, Duration ttl, Duration unknownTtl, MeterRegistry meters, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).build();
        this.unknown = ttl.isZero() || unknownTtl.isZero() ? null
                : Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(unknownTtl).build();
        this.fromCache = lookups(meters, "cache");
        this.fromDatabase = lookups(meters, "database");
        this.knownUnknown = lookups(meters, "unknown_cache");
        Gauge.builder("tradehook.key.cache.listening", this, c -> c.listening ? 1 : 0)
                .description("1 while the key cache receives the database's key change notifications; "
                        + "0: it is off or bypassed and every key look-up goes to the database")
                .register(meters);
    }

    private static Counter lookups(MeterRegistry meters, String source) {
        return Counter.builder("tradehook.key.lookups")
                .description("Webhook key look-ups, by where they were answered from")
                .tag("source", source).register(meters);
    }

    /** False when the time-to-live is zero: then nothing is kept and no listener is needed. */
    public boolean enabled() {
        return cache != null;
    }

    /** The key stored under this API key, from memory if it is known to be current, else from the database. */
    public Optional<StoredKey> find(String apiKey) throws SQLException {
        if (!listening) {
            fromDatabase.increment();
            return repository.findForWebhook(apiKey);
        }
        Optional<StoredKey> inMemory = findInMemory(apiKey);
        if (inMemory.isPresent()) {
            return inMemory;
        }
        if (unknown != null && unknown.getIfPresent(apiKey) != null) {
            knownUnknown.increment();
            return Optional.empty();
        }
        long evictionsBefore = evictions.get();
        Optional<StoredKey> found = repository.findForWebhook(apiKey);
        fromDatabase.increment();
        if (found.isPresent()) {
            cache.put(apiKey, found.get());
            if (evictions.get() != evictionsBefore || !listening) {
                cache.invalidate(apiKey);
            }
        } else if (unknown != null) {
            unknown.put(apiKey, Boolean.TRUE);
            if (evictions.get() != evictionsBefore || !listening) {
                unknown.invalidate(apiKey);
            }
        }
        return found;
    }

    /** The key from memory only, when it is there and current: never a database query. */
    public Optional<StoredKey> findInMemory(String apiKey) {
        if (!listening) {
            return Optional.empty();
        }
        StoredKey cached = cache.getIfPresent(apiKey);
        if (cached != null && cached.currentAt(clock.instant())) {
            fromCache.increment();
            return Optional.of(cached);
        }
        return Optional.empty();
    }

    /** The key was revoked or changed on this instance: forgotten before the notification comes back. */
    public void forgetKey(long keyId) {
        forgetIf(key -> key.keyId() == keyId);
    }

    void forgetApiKey(String apiKey) {
        if (cache != null) {
            evictions.incrementAndGet();
            cache.invalidate(apiKey);
            if (unknown != null) {
                unknown.invalidate(apiKey);
            }
        }
    }

    /** All keys of the user changed on this instance (paused or resumed at once). */
    public void forgetUser(long userId) {
        forgetIf(key -> key.userId() == userId);
    }

    void forgetAll() {
        if (cache != null) {
            evictions.incrementAndGet();
            cache.invalidateAll();
            if (unknown != null) {
                unknown.invalidateAll();
            }
        }
    }

    /** Listening (again): entries from before may have missed changes, so the cache starts empty. */
    void listening() {
        forgetAll();
        listening = true;
    }

    /** Not listening: bypassed until {@link #listening()}. */
    void notListening() {
        listening = false;
        forgetAll();
    }

    private void forgetIf(Predicate<StoredKey> match) {
        if (cache != null) {
            evictions.incrementAndGet();
            cache.asMap().values().removeIf(match);
        }
    }
}
