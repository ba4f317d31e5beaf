package vn.thidua.query.scoreboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.thidua.query.projection.ReadModelChanges;

/**
 * Server-sent events: each subscriber gets the scoreboard at once, then again after every committed change to it,
 * whichever replica projected the change. On shutdown the streams are closed first, so that a graceful shutdown
 * does not wait for subscribers that never leave (browsers reconnect by themselves).
 */
@Component
public class ScoreboardStream implements SmartLifecycle {

    static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(30);
    static final String EVENT_NAME = "scoreboard";

    private final ScoreboardQueries queries;
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;

    public ScoreboardStream(ScoreboardQueries queries, ReadModelChanges changes) {
        this.queries = queries;
        changes.subscribe(change -> {
            if (change.model().equals(ScoreboardProjection.MODEL)) {
                publish(change.key());
            }
        });
    }

    public SseEmitter subscribe(String clusterId, int year) {
        ScoreboardView current = queries.live(clusterId, year, null).view();
        String key = ScoreboardProjection.key(clusterId, year);
        SseEmitter emitter = new SseEmitter(SUBSCRIPTION_TIMEOUT.toMillis());
        List<SseEmitter> forKey = subscribers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        forKey.add(emitter);
        Runnable remove = () -> forKey.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        send(emitter, current);
        return emitter;
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
