package vn.thidua.witness;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.MerkleTree;
import vn.thidua.ledger.NoteKeys;

/** A log for the witness's tests: a tree of numbered leaves, its signed checkpoints and add-checkpoint bodies. */
final class WitnessLog {

    final NoteKeys.Signer key;
    final MerkleTree tree;

    private WitnessLog(NoteKeys.Signer key, MerkleTree tree) {
        this.key = key;
        this.tree = tree;
    }

    static WitnessLog of(int leaves) {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < leaves; i++) {
            tree.append(Merkle.leafHash(("event " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return new WitnessLog(NoteKeys.generate("thidua.test/ledger"), tree);
    }

    /** The same log's key over another tree: the same leaves but the one at {@code changed} (a split view). */
    WitnessLog forkedAt(int changed) {
        MerkleTree fork = new MerkleTree();
        for (int i = 0; i < tree.size(); i++) {
            fork.append(i == changed ? Merkle.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)) : tree.leaf(i));
        }
        return new WitnessLog(key, fork);
    }

    String checkpoint(long size) {
        return new Checkpoint(key.name(), size, tree.root(size)).sign(key);
    }

    /** The request body: old size, the consistency proof from it (none from 0) and the checkpoint. */
    String request(long old, long size) {
        StringBuilder body = new StringBuilder("old ").append(old).append('\n');
        if (old > 0 && old < size) {
            tree.consistencyProof(old, size).forEach(hash ->
                    body.append(Base64.getEncoder().encodeToString(hash)).append('\n'));
        }
        return body.append('\n').append(checkpoint(size)).toString();
    }
}
