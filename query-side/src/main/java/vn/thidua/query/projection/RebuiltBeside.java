package vn.thidua.query.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * In the caller's transaction: the table written beside takes the live table's place, by name, and the live one
     * becomes the table beside, emptied. No row is copied, so the switch takes as long for a million rows as for ten;
     * readers wait for it (a rename locks both tables) and then read the new table under the old name; it waits half a
     * second at most for a reader still at the live table, else fails, to be tried again. Each index
     * takes the name its counterpart had (indexes paired by what they index), so that a migration finds every index
     * under the name it was created with.
     */
    static void putRowsInPlace(JdbcClient jdbc, String liveTable, String besideTable) {
        jdbc.sql("set local lock_timeout = '500ms'").update();
        Map<String, Deque<String>> besideByShape = new HashMap<>();
        List<String[]> liveIndexes = new ArrayList<>();
        jdbc.sql("select t.relname, i.relname, x.indisunique || substring(pg_get_indexdef(x.indexrelid) from ' USING .*')"
                        + " from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                        + " where t.oid in (to_regclass(?), to_regclass(?)) order by i.relname")
                .params(liveTable, besideTable)
                .query(row -> {
                    if (row.getString(1).equals(liveTable)) {
                        liveIndexes.add(new String[] {row.getString(2), row.getString(3)});
                    } else {
                        besideByShape.computeIfAbsent(row.getString(3), shape -> new ArrayDeque<>())
                                .add(row.getString(2));
                    }
                });
        List<String> pairedBeside = new ArrayList<>();
        for (String[] live : liveIndexes) {
            Deque<String> candidates = besideByShape.getOrDefault(live[1], new ArrayDeque<>());
            if (candidates.isEmpty()) {
                throw new IllegalStateException(besideTable + " has no index like " + live[0] + " of " + liveTable);
            }
            pairedBeside.add(candidates.poll());
        }
        for (int i = 0; i < liveIndexes.size(); i++) {
            jdbc.sql("alter index " + liveIndexes.get(i)[0] + " rename to thidua_swapping_" + i).update();
        }
        for (int i = 0; i < liveIndexes.size(); i++) {
            jdbc.sql("alter index " + pairedBeside.get(i) + " rename to " + liveIndexes.get(i)[0]).update();
        }
        for (int i = 0; i < liveIndexes.size(); i++) {
            jdbc.sql("alter index thidua_swapping_" + i + " rename to " + pairedBeside.get(i)).update();
        }
        jdbc.sql("alter table " + liveTable + " rename to thidua_swapping").update();
        jdbc.sql("alter table " + besideTable + " rename to " + liveTable).update();
        jdbc.sql("alter table thidua_swapping rename to " + besideTable).update();
        jdbc.sql("truncate " + besideTable).update();
    }
}
