package vn.thidua.query.projection;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Where a folded read model keeps its documents while it folds events into them: the live store in the processor's
 * transaction ({@link DocumentProjections}), or memory while a model is rebuilt beside the live one
 * ({@link InMemoryFolds}). A projection folds through this and is the same code in both.
 */
public interface Folds {

    /** Folds the event into the document (once, however often it is delivered) and returns the document. */
    <S> S fold(String model, String key, Class<S> type, Supplier<S> initial, BiFunction<S, Envelope, S> fold,
               Envelope event);

    /** The document as folded so far, for a read model that consults another fold. */
    <S> S current(String model, String key, Class<S> type, Supplier<S> initial);

    /** Forgets every document of the model (a reset before a replay). */
    void clear(String model);
}
