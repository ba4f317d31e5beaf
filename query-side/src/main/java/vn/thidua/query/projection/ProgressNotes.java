package vn.thidua.query.projection;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/** For read models written row by row: announces each changed key once per processor batch. */
@Component
public class ProgressNotes {

    private static final String BATCH = ProgressNotes.class.getName() + ".batch";

    private final ReadModelChanges changes;

    /** What one batch changed: per model, the changed keys. */
    private static final class Notes {
        final Map<String, Set<String>> changedKeys = new HashMap<>();
    }

    public ProgressNotes(ReadModelChanges changes) {
        this.changes = changes;
    }

    /** The model applied this event, which changed what is read under {@code key}. */
    public void applied(String model, String key) {
        EndOfBatch.run(BATCH, Notes::new, this::write,
                notes -> notes.changedKeys.computeIfAbsent(model, m -> new LinkedHashSet<>()).add(key));
    }

    private void write(Notes notes) {
        notes.changedKeys.forEach((model, keys) -> keys.forEach(key -> changes.announce(model, key)));
        notes.changedKeys.clear();
    }
}
