package vn.thidua.query.admin;

/**
 * A read model that follows the ledger (leaf by leaf, in the order events were sealed) instead of an Axon
 * processor: the decision log, whose order is the ledger's.
 */
public interface LedgerOrderedModel {

    String name();

    boolean isRunning();

    /** Whether it is being rebuilt beside the live model, which goes on serving. */
    boolean isReplaying();

    /** The store's "sealed through" watermark the live model has caught up with. */
    long sealedThrough();

    /** During a rebuild, the share of the ledger read again; 1 otherwise. */
    double progress();

    /** Whether the live model reflects every event up to that global index. */
    default boolean processedThrough(long position) {
        return sealedThrough() >= position;
    }

    /** Rebuilds the model from the first leaf beside the live one, then puts it in place. */
    void replay();
}
