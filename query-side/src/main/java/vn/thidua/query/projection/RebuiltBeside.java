package vn.thidua.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A read model rebuilt beside its live self, which goes on serving: a second instance of its projection folds every
 * stored event into memory (and writes any rows of its own into tables beside the live ones), then one transaction
 * puts what it built in place of the live model.
 */
public interface RebuiltBeside {

    /** The name a model's documents are kept under while they are built beside the live ones. */
    static String besideName(String model) {
        return model + "-beside";
    }

    /** A second instance of the projection, folding into {@code folds} and writing its own rows beside the live ones. */
    Object besideTheLive(InMemoryFolds folds);

    /** Before a build: rows an earlier build left beside the live ones go. */
    default void clearBeside() {
    }

    /** Once every stored event was folded: rows still held by the second instance are written beside. */
    default void finishBeside() {
    }

    /** In the switch's transaction: the rows written beside replace the live ones (documents are switched apart). */
    default void putBesideInPlace() {
    }

    /** In the caller's transaction: the rows of a table written beside replace the live table's, and it empties. */
    static void putRowsInPlace(JdbcClient jdbc, String liveTable, String besideTable) {
        jdbc.sql("delete from " + liveTable).update();
        jdbc.sql("insert into " + liveTable + " select * from " + besideTable).update();
        jdbc.sql("delete from " + besideTable).update();
    }
}
