#!/usr/bin/env python3
"""Verifies thidua's ledger offline with nothing but Python's standard library and the trust policy.

    python3 verify-ledger.py receipt     POLICY receipt.json
    python3 verify-ledger.py consistency POLICY old-checkpoint.txt new-checkpoint.txt proof.json
    python3 verify-ledger.py ledger      POLICY export.json [--since kept-checkpoint.txt]

POLICY is the log's verifier key (<name>+<key id>+<base64 key>: no witness required), or the JSON of
GET /api/ledger/policy, inline or as a file: the log's key, the witnesses' cosignature keys and the quorum of them
that must have cosigned a checkpoint (C2SP tlog-cosignature). Take it from the council's published notice, not from
the server you audit. With --since, the export must extend a checkpoint you kept earlier.
Prints one line, "OK ..." or "FAIL ...", and exits 0 or 1: the same verdicts as the Java tool
(java -jar ledger/target/ledger-*-verifier.jar), written independently of it.
"""
import base64
import hashlib
import json
import os
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


# --- C2SP signed-note, tlog-checkpoint, tlog-cosignature ---------------------------------------

NOTE_KEY, COSIGNATURE_KEY = 0x01, 0x04


def parse_verifier_key(key, kind):
    """(name, key id, public key) of a verifier key of the kind given (0x01 a note key, 0x04 a cosignature key)."""
    name, key_id, material = key.strip().split("+", 2)
    raw = base64.b64decode(material)
    if len(raw) != 33 or raw[0] != kind:
        raise VerifyError("not an Ed25519 %s key: %s" % ("note" if kind == NOTE_KEY else "cosignature", key))
    expected_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    if expected_id.hex() != key_id:
        raise VerifyError("the verifier key's id does not match its key")
    return name, expected_id, raw[1:]


def parse_note(note):
    """The note's text and its signature lines as (key name, decoded blob)."""
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise VerifyError("not a signed note")
    signatures = []
    for line in note[split + 2:-1].split("\n"):
        if not line.startswith("\u2014 "):
            raise VerifyError("not a signature line: " + line)
        signer, blob = line[2:].split(" ")
        signatures.append((signer, base64.b64decode(blob)))
    return note[:split + 1], signatures


def open_note(note, key):
    """The note's text, once the log key's signature on it checks."""
    name, key_id, public_key = key
    text, signatures = parse_note(note)
    for signer, blob in signatures:
        if signer == name and blob[:4] == key_id:
            if ed25519_verify(public_key, text.encode("utf-8"), blob[4:]):
                return text
            raise VerifyError("the signature by %s does not verify" % name)
    raise VerifyError("the note has no signature by the log's key " + name)


def cosigned(text, signatures, witness):
    """Whether one of the signatures is the witness's valid cosignature/v1 on the text."""
    name, key_id, public_key = witness
    for signer, blob in signatures:
        if signer == name and blob[:4] == key_id and len(blob) == 76:
            timestamp = int.from_bytes(blob[4:12], "big")
            message = b"cosignature/v1\ntime %d\n" % timestamp + text.encode("utf-8")
            if timestamp < 2 ** 63 and ed25519_verify(public_key, message, blob[12:]):
                return True
    return False


def parse_checkpoint(text):
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise VerifyError("a checkpoint is origin, size and root hash, one per line")
    root = base64.b64decode(lines[2])
    if len(root) != 32:
        raise VerifyError("a checkpoint's root hash has 32 bytes")
    return lines[0], int(lines[1]), root


def load_policy(argument):
    """A verifier key, or the JSON of /api/ledger/policy inline or in a file."""
    text = argument.strip()
    if not text.startswith("{") and os.path.isfile(text):
        with open(text, encoding="utf-8") as f:
            text = f.read().strip()
    if not text.startswith("{"):
        return {"log": parse_verifier_key(text, NOTE_KEY), "witnesses": [], "quorum": 0}
    policy = json.loads(text)
    log = parse_verifier_key(policy["log"]["verifierKey"], NOTE_KEY)
    if policy["log"].get("origin", log[0]) != log[0]:
        raise VerifyError("the policy's origin is not its log key's name")
    witnesses = [parse_verifier_key(w["verifierKey"], COSIGNATURE_KEY) for w in policy["witnesses"]]
    quorum = policy["quorum"]
    if not isinstance(quorum, int) or not 0 <= quorum <= len(witnesses):
        raise VerifyError("a quorum of %s cannot be met by %d witnesses" % (quorum, len(witnesses)))
    return {"log": log, "witnesses": witnesses, "quorum": quorum}


def signed_by_log(policy, note):
    origin, size, root = parse_checkpoint(open_note(note, policy["log"]))
    if origin != policy["log"][0]:
        raise VerifyError("the checkpoint is of the log %s, not %s" % (origin, policy["log"][0]))
    return size, root


def witnessed(policy, note):
    """(size, root, names of the witnesses that cosigned), once the quorum holds."""
    size, root = signed_by_log(policy, note)
    text, signatures = parse_note(note)
    names = [w[0] for w in policy["witnesses"] if cosigned(text, signatures, w)]
    if len(names) < policy["quorum"]:
        raise VerifyError("the checkpoint of size %d is cosigned by %d of the policy's witnesses %s, the quorum is %d"
                          % (size, len(names), names, policy["quorum"]))
    return size, root, names


def cosigners(policy, names):
    if not policy["witnesses"]:
        return ""
    return ", cosigned by %s (quorum %d of %d)" % (", ".join(names), policy["quorum"], len(policy["witnesses"]))


class Frontier:
    """The right edge of the tree: enough to append leaves and compute the root of the leaves so far."""

    def __init__(self):
        self.size, self.subtrees = 0, []

    def append(self, leaf):
        size, node = 1, leaf
        while self.subtrees and self.subtrees[-1][0] == size:
            left = self.subtrees.pop()[1]
            size, node = size * 2, node_hash(left, node)
        self.subtrees.append((size, node))
        self.size += 1

    def root(self):
        if not self.subtrees:
            return hashlib.sha256(b"").digest()
        root = self.subtrees[-1][1]
        for _, node in reversed(self.subtrees[:-1]):
            root = node_hash(node, root)
        return root


# --- the three checks -------------------------------------------------------------------------

def check_receipt(policy, receipt):
    size, root, names = witnessed(policy, receipt["checkpoint"])
    if size != receipt["treeSize"]:
        raise VerifyError("the proof is for size %d, the checkpoint for %d" % (receipt["treeSize"], size))
    leaf = leaf_hash(canonical_json(receipt["event"]))
    proof = [bytes.fromhex(h) for h in receipt["hashes"]]
    if root_from_inclusion(receipt["leafIndex"], size, leaf, proof) != root:
        raise VerifyError("inclusion proof does not lead to the root hash")
    return "event %s is leaf %d of the tree of size %d%s" % (receipt["event"]["eventId"], receipt["leafIndex"], size,
                                                            cosigners(policy, names))


def check_consistency(policy, older_note, newer_note, proof):
    older_size, older_root = signed_by_log(policy, older_note)
    newer_size, newer_root, _ = witnessed(policy, newer_note)
    if (proof["from"], proof["to"]) != (older_size, newer_size):
        raise VerifyError("the proof is not between the checkpoints' sizes")
    verify_consistency(older_size, newer_size, older_root, newer_root, [bytes.fromhex(h) for h in proof["hashes"]])
    return "the tree of size %d is a prefix of the tree of size %d" % (older_size, newer_size)


def check_ledger(policy, export, since=None):
    size, root, names = witnessed(policy, export["checkpoint"])
    kept = {}
    for note in export.get("checkpoints", []):
        kept_size, kept_root = signed_by_log(policy, note)
        if kept_size <= size:
            kept[kept_size] = kept_root
    kept[size] = root
    yours = signed_by_log(policy, since) if since is not None else None
    if yours and yours[0] > size:
        raise VerifyError("the export's tree of size %d is smaller than the checkpoint of size %d you kept: the log was"
                          " cut back" % (size, yours[0]))
    leaves = export["leaves"]
    if len(leaves) < size:
        raise VerifyError("the export has %d leaves, the checkpoint %d" % (len(leaves), size))
    tree = Frontier()

    def require_prefix():
        if tree.size in kept and tree.root() != kept[tree.size]:
            raise VerifyError("CHECKPOINT_INCONSISTENT: the checkpoint of size %d the log signed is not a prefix of"
                              " the exported tree" % tree.size)
        if yours and yours[0] == tree.size and tree.root() != yours[1]:
            raise VerifyError("CHECKPOINT_INCONSISTENT: the checkpoint of size %d you kept is not a prefix of the"
                              " exported tree: history was rewritten" % tree.size)

    require_prefix()
    for i, leaf in enumerate(leaves[:size]):
        if leaf["leafIndex"] != i:
            raise VerifyError("leaf %d is missing from the export" % i)
        if leaf.get("event") is None:
            raise VerifyError("leaf %d: its event is missing from the store" % i)
        if leaf_hash(canonical_json(leaf["event"])).hex() != leaf["leafHash"]:
            raise VerifyError("leaf %d: its event was edited after it was sealed" % i)
        tree.append(bytes.fromhex(leaf["leafHash"]))
        require_prefix()
    return "%d leaves match the events; %d checkpoints kept by the log%s are prefixes of the tree signed by %s%s" % (
        size, len(kept), " and the one of size %d you kept" % yours[0] if yours else "", policy["log"][0],
        cosigners(policy, names))


USAGE = ("usage: receipt POLICY receipt.json | consistency POLICY old.txt new.txt proof.json"
         " | ledger POLICY export.json [--since kept-checkpoint.txt]")


def main(argv):
    if len(argv) < 3:
        print(USAGE)
        return 2

    def load(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    try:
        check, policy = argv[0], load_policy(argv[1])
        if check == "receipt" and len(argv) == 3:
            verdict = check_receipt(policy, json.loads(load(argv[2])))
        elif check == "consistency" and len(argv) == 5:
            verdict = check_consistency(policy, load(argv[2]), load(argv[3]), json.loads(load(argv[4])))
        elif check == "ledger" and len(argv) == 3:
            verdict = check_ledger(policy, json.loads(load(argv[2])))
        elif check == "ledger" and len(argv) == 5 and argv[3] == "--since":
            verdict = check_ledger(policy, json.loads(load(argv[2])), load(argv[4]))
        else:
            print(USAGE)
            return 2
    except (VerifyError, ValueError, KeyError, TypeError, OSError) as e:
        print("FAIL %s" % e)
        return 1
    print("OK " + verdict)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
