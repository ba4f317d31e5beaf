package vn.thidua.query.admin;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import vn.thidua.query.web.Problem;

/**
 * Rebuilds of the processor-fed read models, coordinated through PostgreSQL so that any query replica may ask for one
 * with any number of replicas running: the request is a row of {@code read_model_rebuild}. Every replica reads the
 * rows every {@value #TICK_MILLIS} ms. A coordinator that stops saying it is alive for {@code STALE} is replaced by
 * another replica that runs the model.
 * <p>
 * Each is rebuilt beside the live one ({@link BesideTheLiveModel}), which goes on serving and following the stream:
 * the coordinator folds the whole store in memory and writes the new documents (and any rows of the model's own)
 * beside the live ones, then sets {@code switch_at}; every replica that sees it stops the model's processor, and once
 * none holds a segment, one transaction puts the new documents and rows in place and sets the tokens to where the
 * folding stopped; the row goes and the processors start again from there. Readers never see the model missing.
 */
@Component
public class ReadModelRebuilds implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final long TICK_MILLIS = 200;
    private static final Duration STALE = Duration.ofSeconds(10);

    /** A rebuild as its row says; {@code switching}: the new documents are built. */
    private record Rebuild(String model, String coordinator, boolean switching) {
    }

    private final EventProcessingConfiguration processing;
    private final BesideTheLiveModel beside;
    private final JdbcClient jdbc;
    private final String replica = UUID.randomUUID().toString();
    private final Set<String> stoppedHere = new HashSet<>();
    private volatile Set<String> rebuilding = Set.of();
    /** The folded models this replica is building beside the live ones, and how many events each has folded. */
    private final Map<String, Future<BesideTheLiveModel.Built>> building = new HashMap<>();
    private final Map<String, AtomicLong> folded = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private ExecutorService builder;

    public ReadModelRebuilds(EventProcessingConfiguration processing, BesideTheLiveModel beside, JdbcClient jdbc) {
        this.processing = processing;
        this.beside = beside;
        this.jdbc = jdbc;
    }

    /** Whether the model is being rebuilt, on this replica or another. */
    public boolean isRebuilding(String model) {
        return rebuilding.contains(model);
    }

    /** How many events this replica has folded into the model it is building beside the live one, if it is. */
    public OptionalLong foldedBeside(String model) {
        AtomicLong count = folded.get(model);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count.get());
    }

    /** Asks for a rebuild of the model, whichever replicas run it; refused while one is under way. */
    public synchronized void request(String model) {
        int inserted = jdbc.sql("insert into read_model_rebuild (model, coordinator) values (?, ?)"
                        + " on conflict (model) do nothing")
                .params(model, processor(model).isPresent() ? replica : null).update();
        if (inserted == 0) {
            throw Problem.REPLAY_REFUSED.raise(model, "a rebuild of it is under way");
        }
        Set<String> now = new HashSet<>(rebuilding);
        now.add(model);
        rebuilding = Set.copyOf(now);
        LOG.info("Rebuild of the {} read model requested", model);
    }

    /** One look at the rows, and what this replica does about each model it runs. */
    synchronized void tick() {
        List<Rebuild> rebuilds = jdbc.sql("select model, coordinator, switch_at is not null from read_model_rebuild")
                .query((row, i) -> new Rebuild(row.getString(1), row.getString(2), row.getBoolean(3)))
                .list();
        rebuilding = Set.copyOf(rebuilds.stream().map(Rebuild::model).toList());
        Set<String> goOn = new HashSet<>();
        for (Rebuild rebuild : rebuilds) {
            processor(rebuild.model()).ifPresent(processor -> {
                if (!replica.equals(rebuild.coordinator()) && !takeOver(rebuild.model())) {
                    if (rebuild.switching()) {
                        stopForRebuild(rebuild.model(), processor);
                    } else {
                        goOn.add(rebuild.model());
                    }
                } else {
                    coordinateBeside(rebuild, processor);
                }
            });
        }
        for (String model : Set.copyOf(stoppedHere)) {
            if (!rebuilding.contains(model) || goOn.contains(model)) {
                processor(model).ifPresent(ReadModelRebuilds::startAgain);
                stoppedHere.remove(model);
                LOG.info("The {} read model is rebuilt; its processor runs here again", model);
            }
        }
    }

    /** Becomes the coordinator of a rebuild that has none, or whose coordinator stopped saying it is alive. */
    private boolean takeOver(String model) {
        return jdbc.sql("update read_model_rebuild set coordinator = ?, alive_at = now() where model = ?"
                        + " and (coordinator is null or alive_at < now() - make_interval(secs => ?))")
                .params(replica, model, STALE.toSeconds()).update() == 1;
    }

    /**
     * Builds the model beside the live one (on another thread, saying it is alive meanwhile), then asks every replica
     * to stop its processor, and once none holds a segment, switches to the new documents in one transaction with the
     * tokens, and ends the rebuild. A coordinator that took over without the built documents builds them anew.
     */
    private void coordinateBeside(Rebuild rebuild, StreamingEventProcessor processor) {
        String model = rebuild.model();
        jdbc.sql("update read_model_rebuild set alive_at = now() where model = ? and coordinator = ?")
                .params(model, replica).update();
        Future<BesideTheLiveModel.Built> built = building.get(model);
        if (built == null) {
            if (rebuild.switching()) {
                jdbc.sql("update read_model_rebuild set switch_at = null where model = ?").param(model).update();
            }
            AtomicLong count = new AtomicLong();
            folded.put(model, count);
            building.put(model, builder.submit(() -> beside.build(model, count)));
            LOG.info("The {} read model is being rebuilt beside the live one", model);
            return;
        }
        if (!built.isDone()) {
            return;
        }
        BesideTheLiveModel.Built result;
        try {
            result = built.get();
        } catch (ExecutionException | InterruptedException e) {
            LOG.warn("The {} read model could not be rebuilt beside the live one ({}); trying again", model,
                    e.toString());
            building.remove(model);
            return;
        }
        if (!rebuild.switching()) {
            jdbc.sql("update read_model_rebuild set switch_at = now() where model = ?").param(model).update();
        }
        stopForRebuild(model, processor);
        if (!beside.switchTo(result)) {
            return;
        }
        jdbc.sql("delete from read_model_rebuild where model = ? and coordinator = ?").params(model, replica)
                .update();
        building.remove(model);
        folded.remove(model);
        startAgain(processor);
        stoppedHere.remove(model);
        LOG.info("The {} read model rebuilt beside the live one is in place: {} events folded", model,
                result.events());
    }

    private void stopForRebuild(String model, StreamingEventProcessor processor) {
        if (processor.isRunning()) {
            processor.shutDown();
        }
        stoppedHere.add(model);
    }

    private Optional<StreamingEventProcessor> processor(String model) {
        return processing.eventProcessor(model, StreamingEventProcessor.class);
    }

    /**
     * Starts a processor that was just shut down. Its coordinator may still be winding down when the shutdown
     * returns, and then ignores the start: try again, for a second at most, until it runs.
     */
    private static void startAgain(StreamingEventProcessor processor) {
        for (int attempt = 0; attempt < 50 && !processor.isRunning(); attempt++) {
            processor.start();
            if (!processor.isRunning()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        builder = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-built-beside");
            thread.setDaemon(true);
            return thread;
        });
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-rebuilds");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("Could not look at the read models' rebuilds: {}", e.toString());
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (builder != null) {
            builder.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }

    /** After the processors have started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
