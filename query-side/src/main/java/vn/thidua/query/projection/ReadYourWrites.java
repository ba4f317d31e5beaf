package vn.thidua.query.projection;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import vn.thidua.query.web.Problem;

/**
 * {@code ?minVersion=}: a read waits, bounded, until the read model has applied that version of the aggregate it is
 * built from, so that a client reads its own write; past the bound it gets 503 with Retry-After.
 */
@Component
public class ReadYourWrites {

    private static final long POLL_MILLIS = 25;

    private final AppliedVersions versions;
    private final Duration maxWait;

    public ReadYourWrites(AppliedVersions versions, @Value("${thidua.read.max-wait:PT5S}") Duration maxWait) {
        this.versions = versions;
        this.maxWait = maxWait;
    }

    public void await(String model, String aggregateId, Long minVersion) {
        if (minVersion == null) {
            return;
        }
        Instant deadline = Instant.now().plus(maxWait);
        while (versions.applied(model, aggregateId).orElse(-1) < minVersion) {
            if (Instant.now().isAfter(deadline)) {
                throw Problem.READ_MODEL_BEHIND.raise(model, minVersion);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Problem.READ_MODEL_BEHIND.raise(model, minVersion);
            }
        }
    }
}
