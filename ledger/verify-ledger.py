#!/usr/bin/env python3
"""Verifies thidua's ledger offline with nothing but Python's standard library and the log's verifier key.

    python3 verify-ledger.py receipt     KEY receipt.json
    python3 verify-ledger.py consistency KEY old-checkpoint.txt new-checkpoint.txt proof.json
    python3 verify-ledger.py ledger      KEY export.json

KEY is the verifier key GET /api/ledger/public-key gives as "verifierKey" (<name>+<key id>+<base64 key>).
Prints one line, "OK ..." or "FAIL ...", and exits 0 or 1: the same verdicts as the Java tool
(java -jar ledger/target/ledger-*-verifier.jar), written independently of it.
"""
import base64
import hashlib
import json
import sys


class VerifyError(Exception):
    pass


# --- RFC 9162 section 2.1: Merkle tree hashing -------------------------------------------------

def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def canonical_json(event):
    """The leaf input: keys sorted, no white space, non-ASCII characters as themselves."""
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def root_from_inclusion(index, size, leaf, proof):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        raise VerifyError("leaf index %d is outside a tree of size %d" % (index, size))
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise VerifyError("inclusion proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise VerifyError("inclusion proof is shorter than the tree is deep")
    return r


def verify_consistency(first, second, first_root, second_root, proof):
    """RFC 9162 section 2.1.4.2."""
    if first > second:
        raise VerifyError("a tree of size %d cannot precede one of size %d" % (first, second))
    if first == second or first == 0:
        if proof or (first == second and first_root != second_root):
            raise VerifyError("consistency proof does not lead to both roots")
        return
    if not proof:
        raise VerifyError("consistency proof is empty")
    if first & (first - 1) == 0:
        proof = [first_root] + list(proof)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            raise VerifyError("consistency proof is longer than the trees are deep")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or fr != first_root or sr != second_root:
        raise VerifyError("consistency proof does not lead to both roots")


def root_of(leaves):
    """MTH of a list of leaf hashes."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(root_of(leaves[:k]), root_of(leaves[k:]))


# --- Ed25519 verification (RFC 8032 section 5.1.7) ----------------------------------------------

P = 2 ** 255 - 19
L = 2 ** 252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(p1, p2):
    x1, y1, z1, t1 = p1
    x2, y2, z2, t2 = p2
    a, b = (y1 - x1) * (y2 - x2) % P, (y1 + x1) * (y2 + x2) % P
    c, d = t1 * 2 * D * t2 % P, z1 * 2 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return e * f % P, g * h % P, f * g % P, e * h % P


def _multiply(scalar, point):
    result = (0, 1, 1, 0)
    while scalar:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _encode(point):
    x, y, z, _ = point
    zi = pow(z, P - 2, P)
    x, y = x * zi % P, y * zi % P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def _decode(data):
    y = int.from_bytes(data, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= P:
        return None
    xx = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(xx, (P + 3) // 8, P)
    if (x * x - xx) % P:
        x = x * SQRT_M1 % P
    if (x * x - xx) % P or (x == 0 and sign):
        return None
    if x & 1 != sign:
        x = P - x
    return x, y, 1, x * y % P


BASE = _decode((4 * pow(5, P - 2, P) % P).to_bytes(32, "little"))


def ed25519_verify(public_key, message, signature):
    if len(signature) != 64:
        return False
    a, r = _decode(public_key), _decode(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % L
    return _encode(_multiply(s, BASE)) == _encode(_add(r, _multiply(k, a)))


# --- C2SP signed-note and tlog-checkpoint -------------------------------------------------------

def parse_verifier_key(key):
    name, key_id, material = key.strip().split("+", 2)
    raw = base64.b64decode(material)
    if len(raw) != 33 or raw[0] != 1:
        raise VerifyError("not an Ed25519 verifier key")
    expected_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if expected_id.hex() != key_id:
        raise VerifyError("the verifier key's id does not match its key")
    return name, expected_id, raw[1:]


def open_note(note, key):
    """The note's text, once the key's signature on it checks."""
    name, key_id, public_key = parse_verifier_key(key)
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise VerifyError("not a signed note")
    text = note[:split + 1]
    for line in note[split + 2:-1].split("\n"):
        if not line.startswith("\u2014 "):
            raise VerifyError("not a signature line: " + line)
        signer, blob = line[2:].split(" ")
        blob = base64.b64decode(blob)
        if signer == name and blob[:4] == key_id:
            if ed25519_verify(public_key, text.encode("utf-8"), blob[4:]):
                return text
            raise VerifyError("the signature by %s does not verify" % name)
    raise VerifyError("the note has no signature by " + key)


def parse_checkpoint(text):
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise VerifyError("a checkpoint is origin, size and root hash, one per line")
    root = base64.b64decode(lines[2])
    if len(root) != 32:
        raise VerifyError("a checkpoint's root hash has 32 bytes")
    return lines[0], int(lines[1]), root


# --- the three checks -------------------------------------------------------------------------

def check_receipt(key, receipt):
    _, size, root = parse_checkpoint(open_note(receipt["checkpoint"], key))
    if size != receipt["treeSize"]:
        raise VerifyError("the proof is for size %d, the checkpoint for %d" % (receipt["treeSize"], size))
    leaf = leaf_hash(canonical_json(receipt["event"]))
    proof = [bytes.fromhex(h) for h in receipt["hashes"]]
    if root_from_inclusion(receipt["leafIndex"], size, leaf, proof) != root:
        raise VerifyError("inclusion proof does not lead to the root hash")
    return "event %s is leaf %d of the tree of size %d" % (receipt["event"]["eventId"], receipt["leafIndex"], size)


def check_consistency(key, older_note, newer_note, proof):
    older_origin, older_size, older_root = parse_checkpoint(open_note(older_note, key))
    newer_origin, newer_size, newer_root = parse_checkpoint(open_note(newer_note, key))
    if older_origin != newer_origin:
        raise VerifyError("the checkpoints are of two logs")
    if (proof["from"], proof["to"]) != (older_size, newer_size):
        raise VerifyError("the proof is not between the checkpoints' sizes")
    verify_consistency(older_size, newer_size, older_root, newer_root, [bytes.fromhex(h) for h in proof["hashes"]])
    return "the tree of size %d is a prefix of the tree of size %d" % (older_size, newer_size)


def check_ledger(key, export):
    _, size, root = parse_checkpoint(open_note(export["checkpoint"], key))
    leaves = export["leaves"]
    if len(leaves) < size:
        raise VerifyError("the export has %d leaves, the checkpoint %d" % (len(leaves), size))
    sealed = []
    for i, leaf in enumerate(leaves[:size]):
        if leaf["leafIndex"] != i:
            raise VerifyError("leaf %d is missing from the export" % i)
        if leaf.get("event") is None:
            raise VerifyError("leaf %d: its event is missing from the store" % i)
        if leaf_hash(canonical_json(leaf["event"])).hex() != leaf["leafHash"]:
            raise VerifyError("leaf %d: its event was edited after it was sealed" % i)
        sealed.append(bytes.fromhex(leaf["leafHash"]))
    if root_of(sealed) != root:
        raise VerifyError("the sealed leaves do not hash to the signed root of size %d" % size)
    return "%d leaves match the events and the checkpoint" % size


def main(argv):
    if len(argv) < 3:
        print("usage: receipt KEY receipt.json | consistency KEY old.txt new.txt proof.json | ledger KEY export.json")
        return 2

    def load(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    try:
        check, key = argv[0], argv[1]
        if check == "receipt":
            verdict = check_receipt(key, json.loads(load(argv[2])))
        elif check == "consistency" and len(argv) == 5:
            verdict = check_consistency(key, load(argv[2]), load(argv[3]), json.loads(load(argv[4])))
        elif check == "ledger":
            verdict = check_ledger(key, json.loads(load(argv[2])))
        else:
            print("usage: receipt | consistency | ledger")
            return 2
    except (VerifyError, ValueError, KeyError, TypeError) as e:
        print("FAIL %s" % e)
        return 1
    print("OK " + verdict)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
