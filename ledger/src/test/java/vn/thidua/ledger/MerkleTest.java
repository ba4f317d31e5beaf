package vn.thidua.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9162 hashing and proofs against the Certificate Transparency vectors published with transparency-dev/merkle
 * (leaf inputs, the roots of the trees of sizes 0 to 8, and their inclusion and consistency proofs), then every
 * proof of every tree up to 64 leaves checked by the verifier and refused once corrupted.
 */
class MerkleTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> LEAF_INPUTS = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    static MerkleTree vectorTree() {
        MerkleTree tree = new MerkleTree();
        LEAF_INPUTS.forEach(input -> tree.append(Merkle.leafHash(HEX.parseHex(input))));
        return tree;
    }

    @Test
    void theRootsOfTheTreesOfSizesZeroToEightAreTheVectors() {
        MerkleTree tree = vectorTree();
        Frontier frontier = new Frontier();
        assertThat(HEX.formatHex(frontier.root())).isEqualTo(ROOTS.get(0));
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(tree.root(size))).as("size " + size).isEqualTo(ROOTS.get(size));
            if (size > 0) {
                frontier.append(tree.leaf(size - 1));
                assertThat(HEX.formatHex(frontier.root())).as("frontier of size " + size).isEqualTo(ROOTS.get(size));
            }
        }
    }

    /** leaf (0-based), tree size, the published path. */
    static Stream<Arguments> inclusionVectors() {
        return Stream.of(
                Arguments.of(0, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(5, 8, List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                Arguments.of(1, 5, List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(0, 1, List.of()));
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @MethodSource("inclusionVectors")
    void inclusionProofsAreThePublishedOnes(int leaf, int size, List<String> path) {
        MerkleTree tree = vectorTree();
        assertThat(tree.inclusionProof(leaf, size).stream().map(HEX::formatHex).toList()).isEqualTo(path);
        Merkle.verifyInclusion(leaf, size, tree.leaf(leaf), hashes(path), HEX.parseHex(ROOTS.get(size)));
    }

    static Stream<Arguments> consistencyVectors() {
        return Stream.of(
                Arguments.of(1, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(6, 8, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(2, 5, List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                Arguments.of(6, 7, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(1, 1, List.of()));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("consistencyVectors")
    void consistencyProofsAreThePublishedOnes(int first, int second, List<String> path) {
        MerkleTree tree = vectorTree();
        assertThat(tree.consistencyProof(first, second).stream().map(HEX::formatHex).toList()).isEqualTo(path);
        Merkle.verifyConsistency(first, second, HEX.parseHex(ROOTS.get(first)), HEX.parseHex(ROOTS.get(second)),
                hashes(path));
    }

    @Test
    void everyProofOfEveryTreeUpTo64LeavesVerifiesAndACorruptedOneDoesNot() {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 64; i++) {
            tree.append(Merkle.leafHash(("leaf " + i).getBytes()));
        }
        for (long size = 1; size <= 64; size++) {
            byte[] root = tree.root(size);
            for (long leaf = 0; leaf < size; leaf++) {
                List<byte[]> proof = tree.inclusionProof(leaf, size);
                Merkle.verifyInclusion(leaf, size, tree.leaf(leaf), proof, root);
                long wrongLeaf = leaf;
                long wrongSize = size;
                if (!proof.isEmpty()) {
                    List<byte[]> corrupted = flipped(proof);
                    assertThatThrownBy(() -> Merkle.verifyInclusion(wrongLeaf, wrongSize, tree.leaf(wrongLeaf),
                            corrupted, root)).isInstanceOf(ProofException.class);
                }
                assertThatThrownBy(() -> Merkle.verifyInclusion(wrongLeaf, wrongSize * 2, tree.leaf(wrongLeaf),
                        proof, root)).isInstanceOf(ProofException.class);
            }
            for (long first = 1; first <= size; first++) {
                List<byte[]> proof = tree.consistencyProof(first, size);
                Merkle.verifyConsistency(first, size, tree.root(first), root, proof);
                if (!proof.isEmpty()) {
                    long older = first;
                    long newer = size;
                    assertThatThrownBy(() -> Merkle.verifyConsistency(older, newer, tree.root(older), root,
                            flipped(proof))).isInstanceOf(ProofException.class);
                    assertThatThrownBy(() -> Merkle.verifyConsistency(older, newer, root, tree.root(older), proof))
                            .isInstanceOf(ProofException.class);
                }
            }
        }
    }

    @Test
    void aForgedTreeOfTheSameSizeIsNotConsistentWithTheRealOne() {
        MerkleTree real = vectorTree();
        MerkleTree forged = new MerkleTree();
        for (int i = 0; i < 8; i++) {
            forged.append(i == 5 ? Merkle.leafHash("forged".getBytes()) : real.leaf(i));
        }
        assertThatThrownBy(() -> Merkle.verifyConsistency(6, 8, real.root(6), forged.root(8),
                forged.consistencyProof(6, 8))).isInstanceOf(ProofException.class);
    }

    private static List<byte[]> flipped(List<byte[]> proof) {
        List<byte[]> corrupted = new ArrayList<>(proof);
        byte[] first = corrupted.get(0).clone();
        first[0] ^= 8;
        corrupted.set(0, first);
        return corrupted;
    }

    private static List<byte[]> hashes(List<String> hexes) {
        return hexes.stream().map(HEX::parseHex).toList();
    }
}
