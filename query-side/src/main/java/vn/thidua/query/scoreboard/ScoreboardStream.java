package vn.thidua.query.scoreboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.thidua.events.actor.Actor;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.projection.ReadModelChanges;
import vn.thidua.query.web.Problem;

/**
 * Server-sent events: each subscriber gets the scoreboard at once, then again after every committed change to it,
 * whichever replica projected the change. A user may hold a bounded number of streams, and the replica a bounded
 * number in all (429 {@code TOO_MANY_STREAMS} past either), so that no one holds every connection. On shutdown the
 * streams are closed first, so that a graceful shutdown does not wait for subscribers that never leave (browsers
 * reconnect by themselves).
 */
@Component
public class ScoreboardStream implements SmartLifecycle {

    static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(30);
    static final String EVENT_NAME = "scoreboard";

    private final ScoreboardQueries queries;
    private final Actors actors;
    private final int maxPerUser;
    private final int maxInAll;
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    /** Open streams by user; the total under {@link #ALL}. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private static final String ALL = "";
    private volatile boolean running;

    public ScoreboardStream(ScoreboardQueries queries, ReadModelChanges changes, Actors actors,
                            @Value("${thidua.read.max-streams-per-user:8}") int maxPerUser,
                            @Value("${thidua.read.max-streams:500}") int maxInAll) {
        this.queries = queries;
        this.actors = actors;
        this.maxPerUser = maxPerUser;
        this.maxInAll = maxInAll;
        changes.subscribe(change -> {
            if (change.model().equals(ScoreboardProjection.MODEL)) {
                publish(change.key());
            }
        });
    }

    public SseEmitter subscribe(String clusterId, int year) {
        ScoreboardView current = queries.live(clusterId, year, null).view();
        String key = ScoreboardProjection.key(clusterId, year);
        String user = actors.current().map(Actor::name).orElse("anonymous");
        reserve(user);
        SseEmitter emitter = new SseEmitter(SUBSCRIPTION_TIMEOUT.toMillis());
        List<SseEmitter> forKey = subscribers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        forKey.add(emitter);
        Runnable remove = () -> {
            if (forKey.remove(emitter)) {
                release(user);
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        send(emitter, current);
        return emitter;
    }

    /** Counts a new stream for the user and in all, or refuses it when either is at its bound. */
    private synchronized void reserve(String user) {
        if (open.getOrDefault(ALL, 0) >= maxInAll) {
            throw Problem.TOO_MANY_STREAMS.raise(maxInAll, "on this server");
        }
        if (open.getOrDefault(user, 0) >= maxPerUser) {
            throw Problem.TOO_MANY_STREAMS.raise(maxPerUser, "for " + user);
        }
        open.merge(ALL, 1, Integer::sum);
        open.merge(user, 1, Integer::sum);
    }

    private synchronized void release(String user) {
        open.merge(ALL, -1, Integer::sum);
        open.computeIfPresent(user, (name, count) -> count > 1 ? count - 1 : null);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
        subscribers.clear();
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown begins. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void publish(String key) {
        List<SseEmitter> forKey = subscribers.get(key);
        if (forKey == null || forKey.isEmpty()) {
            return;
        }
        int separator = key.lastIndexOf(':');
        ScoreboardView view = queries.afterChange(key.substring(0, separator),
                Integer.parseInt(key.substring(separator + 1))).view();
        forKey.forEach(emitter -> send(emitter, view));
    }

    private static void send(SseEmitter emitter, ScoreboardView view) {
        try {
            emitter.send(SseEmitter.event().name(EVENT_NAME).data(view, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
