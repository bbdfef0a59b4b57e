package care.backoffice.procurement.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In-process caches of reference data that every order reads and the back office rarely changes: suppliers,
 * catalogue items with their dated changes, categories. Correct across replicas: whoever changes an entry calls
 * {@link #changed} in the same transaction, which sends a PostgreSQL NOTIFY (delivered when the transaction
 * commits, to every replica, this one included) and drops the local entry after commit. Each replica listens on
 * its own connection; while it is not listening (start-up, database restart) the caches are bypassed, so a
 * missed notification can never leave a stale entry. Entries also expire after 10 minutes regardless.
 */
@Component
public class ReferenceData implements SmartLifecycle {

    static final String CHANNEL = "procurement_reference_data";
    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);

    private final Map<String, Cache<Object, Object>> caches = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean listening;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public ReferenceData(JdbcClient jdbc, @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String user, @Value("${spring.datasource.password:}") String password) {
        this.jdbc = jdbc;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    private Cache<Object, Object> cache(String name) {
        return caches.computeIfAbsent(name, n -> Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(Duration.ofMinutes(10)).build());
    }

    /** The entry, loaded on a miss; a null from the loader (not found) is not remembered. */
    @SuppressWarnings("unchecked")
    public <K, V> V get(String name, K key, Function<K, V> loader) {
        if (!listening) {
            return loader.apply(key);
        }
        Object cached = cache(name).getIfPresent(key);
        if (cached != null) {
            return (V) cached;
        }
        V loaded = loader.apply(key);
        if (loaded != null) {
            cache(name).put(key, loaded);
        }
        return loaded;
    }

    /** The entries for these keys, loading the missing ones in one call; keys not found are left out. */
    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> getAll(String name, Collection<K> keys, Function<List<K>, Map<K, V>> loader) {
        if (!listening) {
            return loader.apply(List.copyOf(keys));
        }
        Cache<Object, Object> cache = cache(name);
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new java.util.ArrayList<>();
        for (K key : keys) {
            Object cached = cache.getIfPresent(key);
            if (cached != null) {
                found.put(key, (V) cached);
            } else if (!missing.contains(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            Map<K, V> loaded = loader.apply(missing);
            loaded.forEach(cache::put);
            found.putAll(loaded);
        }
        return found;
    }

    /**
     * Records that an entry changed (key null: the whole cache). Call inside the changing transaction: other
     * replicas hear of it when it commits, and this one drops its entry then too.
     */
    public void changed(String name, Object key) {
        String message = key == null ? name : name + ":" + key;
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, message).query(Object.class).single();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(message);
                }
            });
        } else {
            forget(message);
        }
    }

    void forget(String message) {
        int colon = message.indexOf(':');
        Cache<Object, Object> cache = caches.get(colon < 0 ? message : message.substring(0, colon));
        if (cache == null) {
            return;
        }
        if (colon < 0) {
            cache.invalidateAll();
        } else {
            // Keys are compared as text: the notification carries no types.
            String key = message.substring(colon + 1);
            cache.asMap().keySet().removeIf(k -> k.toString().equals(key));
        }
    }

    private void forgetEverything() {
        caches.values().forEach(Cache::invalidateAll);
    }

    /** Listens for changes made by any replica; reconnects with back-off, bypassing the caches meanwhile. */
    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                connection = c;
                s.execute("LISTEN " + CHANNEL);
                // Anything cached before we listened may have missed a change.
                forgetEverything();
                listening = true;
                backoff = 500;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            forget(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                forgetEverything();
                if (running) {
                    log.warn("Reference data listener lost its connection ({}); caches bypassed until it is back",
                            e.toString());
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = Math.min(backoff * 2, 30_000);
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    /** True once this replica hears every change (tests wait for it). */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "reference-data-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to wake the listener; it is going away anyway
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
