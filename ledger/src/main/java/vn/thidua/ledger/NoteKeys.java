package vn.thidua.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for C2SP signed notes, in the text forms of Go's {@code sumdb/note}: a verifier key
 * {@code <name>+<hex key id>+<base64(type || public key)>} and a signer key
 * {@code PRIVATE+KEY+<name>+<hex key id>+<base64(type || seed)>}. The key id is the first four bytes of
 * {@code SHA-256(name || 0x0A || type || public key)}. The type says what the key signs: {@link Type#NOTE} (0x01) a
 * note such as the log's checkpoint, {@link Type#COSIGNATURE} (0x04) a witness's C2SP tlog-cosignature/v1.
 */
public final class NoteKeys {

    /** What a key signs, and the byte its key id and text forms carry for it. */
    public enum Type {
        NOTE((byte) 0x01), COSIGNATURE((byte) 0x04);

        private final byte code;

        Type(byte code) {
            this.code = code;
        }

        static Type of(byte code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            throw new ProofException("not an Ed25519 note key (0x01) or cosignature key (0x04): type " + code);
        }
    }

    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

    private NoteKeys() {
    }

    /** Signs notes under a key name. */
    public static final class Signer {
        private final String name;
        private final Type type;
        private final byte[] seed;
        private final PrivateKey privateKey;
        private final byte[] publicKey;

        private Signer(String name, Type type, byte[] seed) {
            requireName(name);
            this.name = name;
            this.type = type;
            this.seed = seed.clone();
            KeyPair pair = keyPairFrom(seed);
            this.privateKey = pair.getPrivate();
            this.publicKey = rawPublicKey(pair.getPublic());
        }

        public String name() {
            return name;
        }

        public Type type() {
            return type;
        }

        public int keyId() {
            return NoteKeys.keyId(name, type, publicKey);
        }

        public byte[] publicKey() {
            return publicKey.clone();
        }

        public String verifierKey() {
            return name + "+" + hexId(keyId()) + "+" + base64(type, publicKey);
        }

        /** The signer key's text form: a secret, for a file or an environment variable, never for a log. */
        public String encoded() {
            return PRIVATE_PREFIX + name + "+" + hexId(keyId()) + "+" + base64(type, seed);
        }

        public Verifier verifier() {
            return new Verifier(name, type, publicKey);
        }

        byte[] sign(byte[] message) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initSign(privateKey);
                ed25519.update(message);
                return ed25519.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
            }
        }

        @Override
        public String toString() {
            return "Signer[" + verifierKey() + "]";
        }
    }

    /** Checks notes signed under a key name. */
    public static final class Verifier {
        private final String name;
        private final Type type;
        private final byte[] publicKey;
        private final PublicKey key;

        Verifier(String name, Type type, byte[] publicKey) {
            requireName(name);
            if (publicKey.length != 32) {
                throw new ProofException("an Ed25519 public key has 32 bytes");
            }
            this.name = name;
            this.type = type;
            this.publicKey = publicKey.clone();
            try {
                byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
                System.arraycopy(publicKey, 0, encoded, X509_PREFIX.length, 32);
                this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
            } catch (GeneralSecurityException e) {
                throw new ProofException("not an Ed25519 public key: " + e.getMessage());
            }
        }

        public String name() {
            return name;
        }

        public Type type() {
            return type;
        }

        public int keyId() {
            return NoteKeys.keyId(name, type, publicKey);
        }

        public byte[] publicKey() {
            return publicKey.clone();
        }

        public String verifierKey() {
            return name + "+" + hexId(keyId()) + "+" + base64(type, publicKey);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Verifier that && verifierKey().equals(that.verifierKey());
        }

        @Override
        public int hashCode() {
            return verifierKey().hashCode();
        }

        @Override
        public String toString() {
            return verifierKey();
        }

        boolean verify(byte[] message, byte[] signature) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(message);
                return ed25519.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /** A new key that signs notes (the log's checkpoints). */
    public static Signer generate(String name) {
        return generate(name, Type.NOTE);
    }

    public static Signer generate(String name, Type type) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new Signer(name, type, seed);
    }

    public static Signer signer(String encoded) {
        String trimmed = encoded.strip();
        if (!trimmed.startsWith(PRIVATE_PREFIX)) {
            throw new ProofException("a signer key starts with " + PRIVATE_PREFIX);
        }
        String[] parts = trimmed.substring(PRIVATE_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new ProofException("a signer key is PRIVATE+KEY+<name>+<id>+<key>");
        }
        byte[] material = decodeMaterial(parts[2], "signer");
        Signer signer = new Signer(parts[0], Type.of(material[0]), Arrays.copyOfRange(material, 1, material.length));
        if (!hexId(signer.keyId()).equals(parts[1])) {
            throw new ProofException("the signer key's id does not match its key");
        }
        return signer;
    }

    public static Verifier verifier(String verifierKey) {
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new ProofException("a verifier key is <name>+<id>+<key>");
        }
        byte[] material = decodeMaterial(parts[2], "verifier");
        Verifier verifier = new Verifier(parts[0], Type.of(material[0]), Arrays.copyOfRange(material, 1,
                material.length));
        if (!hexId(verifier.keyId()).equals(parts[1])) {
            throw new ProofException("the verifier key's id does not match its key");
        }
        return verifier;
    }

    private static byte[] decodeMaterial(String text, String what) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ProofException("the " + what + " key is not base64");
        }
        if (material.length != 33) {
            throw new ProofException("the " + what + " key is not an Ed25519 key (a type byte and 32 bytes)");
        }
        Type.of(material[0]);
        return material;
    }

    static int keyId(String name, Type type, byte[] publicKey) {
        MessageDigest sha256 = Merkle.sha256();
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(type.code);
        return ByteBuffer.wrap(sha256.digest(publicKey)).getInt();
    }

    static String hexId(int keyId) {
        return String.format("%08x", keyId);
    }

    private static String base64(Type type, byte[] key) {
        byte[] material = new byte[key.length + 1];
        material[0] = type.code;
        System.arraycopy(key, 0, material, 1, key.length);
        return Base64.getEncoder().encodeToString(material);
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c))) {
            throw new ProofException("a key name is not empty and has no '+' and no white space: " + name);
        }
    }

    /** The JDK derives the key pair from the 32 random bytes it asks for: hand it the seed. */
    private static KeyPair keyPairFrom(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, bytes.length);
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
