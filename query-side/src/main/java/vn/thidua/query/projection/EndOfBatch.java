package vn.thidua.query.projection;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Work a projection gathers over a processor's batch and writes once, just before the batch commits with its token:
 * a replay then costs a few statements per batch instead of several per event. Outside a unit of work (a direct
 * call) the work is written at once.
 */
public final class EndOfBatch {

    private EndOfBatch() {
    }

    /**
     * Hands {@code use} this batch's resource of that name, created on first use with {@code flush} registered to
     * write it out when the batch prepares to commit, and returns what {@code use} returns.
     */
    public static <R, T> T with(String name, Supplier<R> create, Consumer<R> flush, Function<R, T> use) {
        return with(name, create, flush, committed -> {
        }, use);
    }

    /**
     * {@link #with}, and {@code committed} is handed the resource once the batch has committed (never outside a unit
     * of work, nor after a rollback).
     */
    public static <R, T> T with(String name, Supplier<R> create, Consumer<R> flush, Consumer<R> committed,
                                Function<R, T> use) {
        if (!CurrentUnitOfWork.isStarted()) {
            R resource = create.get();
            T result = use.apply(resource);
            flush.accept(resource);
            return result;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return use.apply(batch.getOrComputeResource(name, key -> {
            R resource = create.get();
            batch.onPrepareCommit(committing -> flush.accept(resource));
            batch.afterCommit(done -> committed.accept(resource));
            return resource;
        }));
    }

    /** {@link #with} for work that returns nothing. */
    public static <R> void run(String name, Supplier<R> create, Consumer<R> flush, Consumer<R> use) {
        with(name, create, flush, resource -> {
            use.accept(resource);
            return null;
        });
    }
}
