package vn.thidua.ledger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The right edge of the tree: the complete subtrees that make up its leaves, largest first. Enough to append and to
 * compute the root (log n hashes), which is all the sealer needs.
 */
public final class Frontier {

    private record Subtree(long size, byte[] hash) {
    }

    private final Deque<Subtree> subtrees = new ArrayDeque<>();
    private long size;

    /** A frontier that goes on from this one's leaves without changing it. */
    public Frontier copy() {
        Frontier copy = new Frontier();
        copy.subtrees.addAll(subtrees);
        copy.size = size;
        return copy;
    }

    public long size() {
        return size;
    }

    public void append(byte[] leafHash) {
        Subtree merged = new Subtree(1, leafHash);
        while (!subtrees.isEmpty() && subtrees.peekLast().size() == merged.size()) {
            Subtree left = subtrees.removeLast();
            merged = new Subtree(left.size() * 2, Merkle.nodeHash(left.hash(), merged.hash()));
        }
        subtrees.addLast(merged);
        size++;
    }

    /** MTH of the leaves appended so far. */
    public byte[] root() {
        if (subtrees.isEmpty()) {
            return Merkle.emptyRoot();
        }
        Iterator<Subtree> fromTheRight = subtrees.descendingIterator();
        byte[] root = fromTheRight.next().hash();
        while (fromTheRight.hasNext()) {
            root = Merkle.nodeHash(fromTheRight.next().hash(), root);
        }
        return root;
    }
}
