package vn.thidua.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole tree in memory, for proofs: every complete subtree's hash, level by level (level k holds the subtrees of
 * 2^k leaves, left to right), so that the hash of any subtree RFC 9162's recursions ask for costs O(log n). About
 * 64 bytes a leaf. Append-only, like the log it mirrors.
 */
public final class MerkleTree {

    /** A growable run of 32-byte hashes. */
    private static final class Level {
        private byte[] hashes = new byte[Merkle.HASH_SIZE * 64];
        private long count;

        void add(byte[] hash) {
            long end = (count + 1) * Merkle.HASH_SIZE;
            if (end > hashes.length) {
                if (end > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("the in-memory tree holds up to 60 million leaves");
                }
                hashes = Arrays.copyOf(hashes, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(end, 2L * hashes.length)));
            }
            System.arraycopy(hash, 0, hashes, (int) (count * Merkle.HASH_SIZE), Merkle.HASH_SIZE);
            count++;
        }

        byte[] get(long index) {
            int from = (int) (index * Merkle.HASH_SIZE);
            return Arrays.copyOfRange(hashes, from, from + Merkle.HASH_SIZE);
        }
    }

    private final List<Level> levels = new ArrayList<>(List.of(new Level()));

    public synchronized long size() {
        return levels.get(0).count;
    }

    public synchronized void append(byte[] leafHash) {
        if (leafHash.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has " + Merkle.HASH_SIZE + " bytes");
        }
        levels.get(0).add(leafHash);
        long index = levels.get(0).count - 1;
        for (int level = 0; (index & 1) == 1; level++, index >>= 1) {
            if (levels.size() == level + 1) {
                levels.add(new Level());
            }
            Level below = levels.get(level);
            levels.get(level + 1).add(Merkle.nodeHash(below.get(index - 1), below.get(index)));
        }
    }

    public synchronized byte[] leaf(long index) {
        return levels.get(0).get(index);
    }

    /** MTH(D[0:size]). */
    public synchronized byte[] root(long size) {
        requireSize(size);
        return size == 0 ? Merkle.emptyRoot() : hash(0, size);
    }

    /** PATH(index, D[0:size]), RFC 9162 §2.1.3.1. */
    public synchronized List<byte[]> inclusionProof(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** PROOF(first, D[0:second]), RFC 9162 §2.1.4.1; empty from size 0 or between equal sizes. */
    public synchronized List<byte[]> consistencyProof(long first, long second) {
        requireSize(second);
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("size " + first + " does not precede size " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0) {
            subproof(first, 0, second, true, proof);
        }
        return proof;
    }

    private void path(long index, long start, long n, List<byte[]> proof) {
        if (n == 1) {
            return;
        }
        long k = Merkle.split(n);
        if (index < k) {
            path(index, start, k, proof);
            proof.add(hash(start + k, n - k));
        } else {
            path(index - k, start + k, n - k, proof);
            proof.add(hash(start, k));
        }
    }

    private void subproof(long m, long start, long n, boolean wholeOldTree, List<byte[]> proof) {
        if (m == n) {
            if (!wholeOldTree) {
                proof.add(hash(start, n));
            }
            return;
        }
        long k = Merkle.split(n);
        if (m <= k) {
            subproof(m, start, k, wholeOldTree, proof);
            proof.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, proof);
            proof.add(hash(start, k));
        }
    }

    /**
     * MTH(D[start:start+n]). In RFC 9162's recursions a subtree of 2^j leaves always starts at a multiple of 2^j,
     * so each complete one is read from its level.
     */
    private byte[] hash(long start, long n) {
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return levels.get(level).get(start >> level);
        }
        long k = Merkle.split(n);
        return Merkle.nodeHash(hash(start, k), hash(start + k, n - k));
    }

    private void requireSize(long size) {
        if (size < 0 || size > levels.get(0).count) {
            throw new IllegalArgumentException("the tree has " + levels.get(0).count + " leaves, not " + size);
        }
    }
}
