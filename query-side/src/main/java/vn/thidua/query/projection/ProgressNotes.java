package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * For read models written row by row: notes, once per processor batch, the highest version applied of each aggregate
 * (for {@code ?minVersion=}) and announces each changed key once.
 */
@Component
public class ProgressNotes {

    private static final String BATCH = ProgressNotes.class.getName() + ".batch";

    private final AppliedVersions versions;
    private final ReadModelChanges changes;

    /** What one batch applied: per model, aggregate versions and changed keys. */
    private static final class Notes {
        final Map<String, Map<String, Long>> versions = new HashMap<>();
        final Map<String, Set<String>> changedKeys = new HashMap<>();
    }

    public ProgressNotes(AppliedVersions versions, ReadModelChanges changes) {
        this.versions = versions;
        this.changes = changes;
    }

    /** The model applied this event, which changed what is read under {@code key}. */
    public void applied(String model, Envelope event, String key) {
        EndOfBatch.run(BATCH, Notes::new, this::write, notes -> {
            notes.versions.computeIfAbsent(model, m -> new HashMap<>())
                    .merge(event.aggregateId(), event.sequence(), Math::max);
            notes.changedKeys.computeIfAbsent(model, m -> new LinkedHashSet<>()).add(key);
        });
    }

    private void write(Notes notes) {
        notes.versions.forEach((model, applied) -> applied.forEach(
                (aggregateId, version) -> versions.record(model, aggregateId, version)));
        notes.changedKeys.forEach((model, keys) -> keys.forEach(key -> changes.announce(model, key)));
        notes.versions.clear();
        notes.changedKeys.clear();
    }
}
