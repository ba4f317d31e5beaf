package vn.thidua.query.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every replica of the query side that a read-model document changed. A projection announces the change with
 * PostgreSQL's NOTIFY inside its own transaction, so listeners hear of it only once it is committed, and on every
 * replica, whichever replica's segment projected it.
 */
@Component
public class ReadModelChanges implements SmartLifecycle {

    /** A committed change: the model and the document key. */
    public record Change(String model, String key) {
    }

    static final String CHANNEL = "thidua_read_model";
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelChanges.class);
    private static final int POLL_MILLIS = 250;
    /** {@link #listening()} while no change can be heard. */
    public static final long NOT_LISTENING = -1;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();
    private volatile long listening = NOT_LISTENING;
    private volatile boolean running;
    private Thread listenerThread;

    public ReadModelChanges(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Called by a projection inside its transaction. */
    public void announce(String model, String key) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, model + "|" + key).query().singleRow();
    }

    /** Called inside the transaction that put a rebuilt model's documents in place: every one of them changed. */
    public void announceEveryDocument(String model) {
        jdbc.sql("select count(pg_notify(?, model || '|' || doc_key)) from read_document where model = ?")
                .params(CHANNEL, model).query().singleRow();
    }

    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /**
     * The connection changes are heard on, numbered from 1 and new after every reconnection; {@link #NOT_LISTENING}
     * while there is none. Changes committed while no connection listened are never heard, so anything kept on
     * the promise of hearing them is good only for the connection it was kept under.
     */
    public long listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        listenerThread = new Thread(this::listen, "read-model-changes");
        listenerThread.setDaemon(true);
        listenerThread.start();
    }

    @Override
    public void stop() {
        running = false;
        listening = NOT_LISTENING;
        if (listenerThread != null) {
            listenerThread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try {
                listenUntilLost();
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Lost the read-model change channel, listening again: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void listenUntilLost() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("listen " + CHANNEL);
            }
            listening = connections.incrementAndGet();
            PGConnection postgres = connection.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        dispatch(notification.getParameter());
                    }
                }
            }
        } finally {
            listening = NOT_LISTENING;
        }
    }

    /** Hands a change heard on the channel to every listener (the channel calls it; so do tests). */
    void dispatch(String payload) {
        int separator = payload.indexOf('|');
        Change change = new Change(payload.substring(0, separator), payload.substring(separator + 1));
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A read-model change listener failed", e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
