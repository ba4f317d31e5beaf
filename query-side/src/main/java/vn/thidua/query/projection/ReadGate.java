package vn.thidua.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import vn.thidua.query.admin.Projections;
import vn.thidua.query.web.Problem;

/**
 * What every read does before it loads (every model is served all along, also while it is rebuilt beside the live
 * one): for {@code ?minPosition=}, wait, bounded, until the model has processed every event up to that global index, so
 * that a client reads its own write whatever aggregates the model folds; past the bound, 503
 * {@code READ_MODEL_BEHIND}. A position beyond the store's head is no write of anyone's yet (a command answers the
 * position of an event it committed): it is answered 503 at once, holding no thread for the bound. At most
 * {@code thidua.read.max-waiting} reads wait at once; one more is answered 503 at once too, so that waiting reads
 * never take every thread of the server.
 */
@Component
public class ReadGate {

    private static final long POLL_MILLIS = 20;

    private final Projections projections;
    private final Duration maxWait;
    private final Semaphore waiting;

    public ReadGate(Projections projections, @Value("${thidua.read.max-wait:PT5S}") Duration maxWait,
                    @Value("${thidua.read.max-waiting:64}") int maxWaiting) {
        this.projections = projections;
        this.maxWait = maxWait;
        this.waiting = new Semaphore(maxWaiting);
    }

    public void enter(String model, Long minPosition) {
        Projections.requireKnown(model);
        if (minPosition == null) {
            return;
        }
        if (projections.processedThrough(model, minPosition)) {
            return;
        }
        if (minPosition > projections.head() || !waiting.tryAcquire()) {
            throw Problem.READ_MODEL_BEHIND.raise(model, minPosition);
        }
        try {
            Instant deadline = Instant.now().plus(maxWait);
            while (!projections.processedThrough(model, minPosition)) {
                if (Instant.now().isAfter(deadline)) {
                    throw Problem.READ_MODEL_BEHIND.raise(model, minPosition);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.READ_MODEL_BEHIND.raise(model, minPosition);
        } finally {
            waiting.release();
        }
    }
}
