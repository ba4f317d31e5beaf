package vn.thidua.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashing with SHA-256, and the verification of inclusion (§2.1.3.2) and consistency
 * (§2.1.4.2) proofs. Verification needs nothing but the hashes: an auditor's copy of this class, or of the README's
 * Python script, checks what the server says.
 */
public final class Merkle {

    public static final int HASH_SIZE = 32;

    private Merkle() {
    }

    /** {@code SHA-256(0x00 || input)}. */
    public static byte[] leafHash(byte[] input) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(input);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The hash of the empty tree, {@code SHA-256()}. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The largest power of two smaller than {@code n} (n > 1): the size of the left subtree. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); refuses a proof of the wrong shape. */
    public static byte[] rootFromInclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new ProofException("leaf index " + leafIndex + " is outside a tree of size " + treeSize);
        }
        requireHash(leafHash);
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            requireHash(p);
            if (sn == 0) {
                throw new ProofException("inclusion proof is longer than the tree is deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("inclusion proof is shorter than the tree is deep");
        }
        return r;
    }

    public static void verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof,
                                       byte[] rootHash) {
        if (!Arrays.equals(rootFromInclusionProof(leafIndex, treeSize, leafHash, proof), rootHash)) {
            throw new ProofException("inclusion proof does not lead to the root hash");
        }
    }

    /** Checks that the tree of size {@code first} is a prefix of the tree of size {@code second} (§2.1.4.2). */
    public static void verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                         List<byte[]> proof) {
        if (first < 0 || second < first) {
            throw new ProofException("a tree of size " + first + " cannot precede one of size " + second);
        }
        if (first == second || first == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("a consistency proof from size " + first + " must be empty");
            }
            if (first == second && !Arrays.equals(firstRoot, secondRoot)) {
                throw new ProofException("two trees of the same size have different roots");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("consistency proof is empty");
        }
        proof.forEach(Merkle::requireHash);
        int next = 0;
        byte[] fr;
        byte[] sr;
        if (Long.bitCount(first) == 1) {
            fr = firstRoot;
            sr = firstRoot;
        } else {
            fr = proof.get(0);
            sr = proof.get(0);
            next = 1;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        for (int i = next; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                throw new ProofException("consistency proof is longer than the trees are deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0 || !Arrays.equals(fr, firstRoot) || !Arrays.equals(sr, secondRoot)) {
            throw new ProofException("consistency proof does not lead to both roots");
        }
    }

    private static void requireHash(byte[] hash) {
        if (hash == null || hash.length != HASH_SIZE) {
            throw new ProofException("a hash has " + HASH_SIZE + " bytes");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
