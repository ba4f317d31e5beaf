package vn.thidua.query.admin;

/**
 * A read model that follows the ledger (leaf by leaf, in the order events were sealed) instead of an Axon
 * processor: the decision log, whose order is the ledger's.
 */
public interface LedgerOrderedModel {

    String name();

    boolean isRunning();

    boolean isReplaying();

    /** The store's "sealed through" watermark this model has caught up with. */
    long sealedThrough();

    /** During a rebuild, the share of the ledger read again; 1 otherwise. */
    double progress();

    /** Whether the model reflects every event up to that global index. */
    default boolean processedThrough(long position) {
        return !isReplaying() && sealedThrough() >= position;
    }

    /** Forgets the model and rebuilds it from the first leaf. */
    void replay();
}
