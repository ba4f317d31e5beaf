package vn.thidua.ledger;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * What a reader trusts: the log's verifier key (its name is the log's origin), the witnesses that cosign its
 * checkpoints (each a cosignature key and where it is reached) and how many of them must have cosigned a checkpoint
 * for it to count. The council publishes it; readers take it from configuration, never from the database the
 * checkpoints describe. With no witness, the quorum is 0 and the log's own signature is all there is.
 */
public record WitnessPolicy(NoteKeys.Verifier log, List<Witness> witnesses, int quorum) {

    /** A witness: its cosignature key, and the URL prefix of its {@code add-checkpoint}. */
    public record Witness(NoteKeys.Verifier key, String url) {

        public String name() {
            return key.name();
        }
    }

    /** A checkpoint whose log signature checks, and the witnesses whose cosignatures on it check. */
    public record Witnessed(Checkpoint checkpoint, List<String> cosigners) {
    }

    public WitnessPolicy {
        if (log.type() != NoteKeys.Type.NOTE) {
            throw new ProofException("the log's key is a note key (type 0x01)");
        }
        witnesses = List.copyOf(witnesses);
        Map<Integer, Witness> byId = new LinkedHashMap<>();
        for (Witness witness : witnesses) {
            if (witness.key().type() != NoteKeys.Type.COSIGNATURE) {
                throw new ProofException("a witness's key is a cosignature key (type 0x04): " + witness.key());
            }
            if (byId.put(witness.key().keyId(), witness) != null) {
                throw new ProofException("a witness is named twice: " + witness.key());
            }
        }
        if (quorum < 0 || quorum > witnesses.size()) {
            throw new ProofException("a quorum of " + quorum + " cannot be met by " + witnesses.size() + " witnesses");
        }
    }

    /**
     * From configuration: the log's verifier key, the witnesses as comma-separated {@code <verifier key>@<URL prefix>}
     * (blank: none), and the quorum (null: every witness).
     */
    public static WitnessPolicy configured(String logKey, String witnessList, Integer quorum) {
        List<Witness> witnesses = new ArrayList<>();
        if (witnessList != null && !witnessList.isBlank()) {
            for (String entry : witnessList.split(",")) {
                int at = entry.indexOf('@');
                if (at < 0) {
                    throw new ProofException("a witness is <verifier key>@<URL prefix>: " + entry.strip());
                }
                witnesses.add(new Witness(NoteKeys.verifier(entry.substring(0, at)), url(entry.substring(at + 1))));
            }
        }
        return new WitnessPolicy(NoteKeys.verifier(logKey), witnesses, quorum == null ? witnesses.size() : quorum);
    }

    /** As {@code GET /api/ledger/policy} publishes it. */
    public static WitnessPolicy fromJson(JsonNode policy) {
        NoteKeys.Verifier log = NoteKeys.verifier(policy.path("log").path("verifierKey").asString(""));
        String origin = policy.path("log").path("origin").asString(log.name());
        if (!origin.equals(log.name())) {
            throw new ProofException("the policy's origin " + origin + " is not its log key's name " + log.name());
        }
        List<Witness> witnesses = new ArrayList<>();
        policy.path("witnesses").forEach(witness -> witnesses.add(new Witness(
                NoteKeys.verifier(witness.path("verifierKey").asString("")), witness.path("url").asString(""))));
        if (!policy.path("quorum").isIntegralNumber()) {
            throw new ProofException("the policy names its quorum");
        }
        return new WitnessPolicy(log, witnesses, policy.path("quorum").asInt());
    }

    /** The policy as {@code GET /api/ledger/policy} publishes it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("log", Map.of("origin", origin(), "verifierKey", log.verifierKey()));
        json.put("witnesses", witnesses.stream().map(witness -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", witness.name());
            entry.put("verifierKey", witness.key().verifierKey());
            entry.put("url", witness.url());
            return entry;
        }).toList());
        json.put("quorum", quorum);
        return json;
    }

    /** The log's origin line: its key's name. */
    public String origin() {
        return log.name();
    }

    /** The checkpoint the note states, once the log's signature checks; cosignatures are not required. */
    public Checkpoint signedByLog(String note) {
        Checkpoint checkpoint = Checkpoint.open(note, log);
        if (!checkpoint.origin().equals(origin())) {
            throw new ProofException("the checkpoint is of the log " + checkpoint.origin() + ", not " + origin());
        }
        return checkpoint;
    }

    /** The witnesses whose valid cosignatures the note carries, in the policy's order. */
    public List<String> cosigners(String note) {
        SignedNote.Parsed parsed = SignedNote.parse(note);
        return witnesses.stream().filter(witness -> SignedNote.cosignedAt(parsed, witness.key()).isPresent())
                .map(Witness::name).toList();
    }

    /** The witness's valid cosignature line among signature lines on the note, if any. */
    public static Optional<String> cosignatureBy(Witness witness, String note, String lines) {
        String text = SignedNote.parse(note).text();
        return SignedNote.parse(note + lines).signatures().stream()
                .filter(signature -> SignedNote.cosignedAt(new SignedNote.Parsed(text, List.of(signature)),
                        witness.key()).isPresent())
                .map(SignedNote.Signature::line).findFirst();
    }

    /** The note with the valid cosignatures of this policy's witnesses found among the lines, in the policy's order. */
    public String withCosignatures(String note, String lines) {
        if (lines.isEmpty()) {
            return note;
        }
        StringBuilder cosigned = new StringBuilder(note);
        witnesses.forEach(witness -> cosignatureBy(witness, note, lines).ifPresent(cosigned::append));
        return cosigned.toString();
    }

    /** The checkpoint, once its log signature checks and at least {@link #quorum} witnesses' cosignatures do. */
    public Witnessed check(String note) {
        Checkpoint checkpoint = signedByLog(note);
        List<String> cosigners = cosigners(note);
        if (cosigners.size() < quorum) {
            throw new ProofException("the checkpoint of size " + checkpoint.size() + " is cosigned by "
                    + cosigners.size() + " of the policy's witnesses " + cosigners + ", the quorum is " + quorum);
        }
        return new Witnessed(checkpoint, cosigners);
    }

    private static String url(String text) {
        String url = text.strip();
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ProofException("a witness's URL prefix is http or https: " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
