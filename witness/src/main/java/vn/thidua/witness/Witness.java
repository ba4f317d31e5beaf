package vn.thidua.witness;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import vn.thidua.ledger.Checkpoint;
import vn.thidua.ledger.Merkle;
import vn.thidua.ledger.NoteKeys;
import vn.thidua.ledger.ProofException;
import vn.thidua.ledger.SignedNote;

/**
 * C2SP tlog-witness {@code add-checkpoint}: cosigns a log's checkpoint only if the log's key signed it and it extends,
 * by a valid RFC 9162 consistency proof, the latest checkpoint this witness cosigned for that log. Checking the old
 * size and keeping the new checkpoint happen under one lock per log, and the new checkpoint is on disk before the
 * cosignature is returned, so that two racing requests never roll the log back and a crash loses nothing answered.
 */
public final class Witness {

    /** An HTTP answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {

        static Answer text(int status, String body) {
            return new Answer(status, TEXT, body);
        }

        static Answer size(long size) {
            return new Answer(409, "text/x.tlog.size", size + "\n");
        }
    }

    /** A request refused for what it is: the status and why. */
    private static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private record Request(long oldSize, List<byte[]> proof, String note) {
    }

    static final String TEXT = "text/plain; charset=utf-8";
    /** C2SP tlog-witness: a client sends at most 63 proof lines. */
    private static final int MAX_PROOF_LINES = 63;

    private final NoteKeys.Signer key;
    private final Map<String, NoteKeys.Verifier> logs;
    private final WitnessState state;
    private final Clock clock;
    private final Consumer<String> evidence;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param logs     the logs witnessed, by origin (the log key's name)
     * @param evidence told of every request whose log signature checked but whose tree does not extend the one
     *                 cosigned: it may prove the log misbehaved
     */
    public Witness(NoteKeys.Signer key, List<NoteKeys.Verifier> logs, WitnessState state, Clock clock,
                   Consumer<String> evidence) {
        if (key.type() != NoteKeys.Type.COSIGNATURE) {
            throw new IllegalArgumentException("a witness signs with a cosignature key (type 0x04)");
        }
        this.key = key;
        this.logs = new ConcurrentHashMap<>();
        logs.forEach(log -> this.logs.put(log.name(), log));
        this.state = state;
        this.clock = clock;
        this.evidence = evidence;
    }

    public NoteKeys.Signer key() {
        return key;
    }

    public Answer addCheckpoint(String body) {
        return addCheckpoint(body.getBytes(StandardCharsets.UTF_8));
    }

    public Answer addCheckpoint(byte[] body) {
        try {
            Request request = parse(utf8(body));
            Checkpoint checkpoint = checkpointOf(request.note());
            NoteKeys.Verifier log = logs.get(checkpoint.origin());
            if (log == null) {
                throw new Refused(404, "this witness does not witness the log " + checkpoint.origin());
            }
            try {
                SignedNote.open(request.note(), log);
            } catch (ProofException e) {
                throw new Refused(403, "no signature by the log's key verifies: " + e.getMessage());
            }
            if (request.oldSize() > checkpoint.size()) {
                throw new Refused(400, "the old size " + request.oldSize() + " is larger than the checkpoint's "
                        + checkpoint.size());
            }
            if (request.oldSize() == 0 && !request.proof().isEmpty()) {
                throw new Refused(400, "a consistency proof from size 0 is empty");
            }
            synchronized (locks.computeIfAbsent(checkpoint.origin(), origin -> new Object())) {
                return cosign(request, checkpoint);
            }
        } catch (Refused refused) {
            return Answer.text(refused.status, refused.getMessage() + "\n");
        }
    }

    private Answer cosign(Request request, Checkpoint checkpoint) {
        Optional<Checkpoint> latest = state.latest(checkpoint.origin());
        long latestSize = latest.map(Checkpoint::size).orElse(0L);
        if (request.oldSize() != latestSize) {
            return Answer.size(latestSize);
        }
        if (latest.isPresent()) {
            byte[] latestRoot = latest.get().rootHash();
            if (checkpoint.size() == latestSize) {
                if (!Arrays.equals(checkpoint.rootHash(), latestRoot)) {
                    evidence.accept(request.note());
                    return Answer.size(latestSize);
                }
            } else {
                try {
                    Merkle.verifyConsistency(latestSize, checkpoint.size(), latestRoot, checkpoint.rootHash(),
                            request.proof());
                } catch (ProofException e) {
                    evidence.accept(request.note());
                    return Answer.text(422, "the consistency proof from size " + latestSize + " does not verify: "
                            + e.getMessage() + "\n");
                }
            }
        }
        if (latest.isEmpty() || checkpoint.size() > latestSize) {
            state.record(checkpoint);
        }
        String text = SignedNote.parse(request.note()).text();
        return Answer.text(200, SignedNote.cosign(text, key, clock.instant().getEpochSecond()));
    }

    private static Request parse(String body) {
        int end = body.indexOf('\n');
        if (end < 0) {
            throw new Refused(400, "the body starts with an old size line");
        }
        String oldLine = body.substring(0, end);
        if (!oldLine.matches("old (0|[1-9][0-9]{0,18})")) {
            throw new Refused(400, "the first line is 'old <size>' in decimal with no leading zero");
        }
        long oldSize = Long.parseLong(oldLine.substring(4));
        List<byte[]> proof = new ArrayList<>();
        int start = end + 1;
        while (true) {
            end = body.indexOf('\n', start);
            if (end < 0) {
                throw new Refused(400, "the proof lines end with an empty line before the checkpoint");
            }
            String line = body.substring(start, end);
            start = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new Refused(400, "a consistency proof has at most " + MAX_PROOF_LINES + " lines");
            }
            proof.add(hash(line));
        }
        return new Request(oldSize, proof, body.substring(start));
    }

    private static byte[] hash(String line) {
        try {
            byte[] hash = Base64.getDecoder().decode(line);
            if (hash.length == Merkle.HASH_SIZE) {
                return hash;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new Refused(400, "a proof line is one base64 SHA-256 hash");
    }

    private static Checkpoint checkpointOf(String note) {
        try {
            return Checkpoint.parse(SignedNote.parse(note).text());
        } catch (ProofException e) {
            throw new Refused(400, "not a signed checkpoint: " + e.getMessage());
        }
    }

    private static String utf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
            throw new Refused(400, "the body is UTF-8 text");
        }
        return text;
    }
}
