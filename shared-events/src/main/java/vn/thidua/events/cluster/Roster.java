package vn.thidua.events.cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which the head's office passes among a cluster's members (luân phiên): the order the members joined
 * the cluster, as the council listed them at formation and admitted them since, unless the council set another
 * ({@link RotationRosterSet}); a unit that joins later takes its place at the end. Both sides read it the same way: the
 * command side to hold an election in rotation to it, the query side to tell who is next.
 */
public final class Roster {

    private Roster() {
    }

    /**
     * The next in rotation after {@code previousHead}: the first member still active that follows it on the roster,
     * wrapping round; the first active member when there was no head before (or the previous head is not on it).
     *
     * @param roster       the units on the roster, in its order
     * @param active       those members now
     * @param previousHead the head of the previous term, or null
     */
    public static Optional<String> next(List<String> roster, Set<String> active, String previousHead) {
        int start = previousHead == null ? -1 : roster.indexOf(previousHead);
        for (int step = 1; step <= roster.size(); step++) {
            String candidate = roster.get(Math.floorMod(start + step, roster.size()));
            if (active.contains(candidate) && (!candidate.equals(previousHead) || active.size() == 1)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
