package vn.thidua.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import vn.thidua.ledger.Checkpoint;

/**
 * The latest checkpoint cosigned for each log, one file per origin in the data folder. A new checkpoint is on disk
 * before {@link #record} returns: written to a new file, flushed, renamed over the old one, and the folder flushed, so
 * that a crash at any instant leaves either the old checkpoint or the new one, never a torn or lost one.
 */
public final class WitnessState {

    private final Path folder;
    private final Map<String, Optional<Checkpoint>> latest = new ConcurrentHashMap<>();

    public WitnessState(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The latest checkpoint cosigned for the origin, if any. */
    Optional<Checkpoint> latest(String origin) {
        return latest.computeIfAbsent(origin, this::load);
    }

    /** Makes the checkpoint the origin's latest, durably. */
    public void record(Checkpoint checkpoint) {
        Path file = fileOf(checkpoint.origin());
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        try {
            try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(checkpoint.body().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the witness could not keep its state in " + folder, e);
        }
        latest.put(checkpoint.origin(), Optional.of(checkpoint));
    }

    private Optional<Checkpoint> load(String origin) {
        Path file = fileOf(origin);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Checkpoint kept = Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!kept.origin().equals(origin)) {
                throw new IllegalStateException(file + " holds a checkpoint of " + kept.origin() + ", not " + origin);
            }
            return Optional.of(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("the witness could not read its state in " + file, e);
        }
    }

    /** An origin is any text; its file is named by its hash. */
    private Path fileOf(String origin) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(hash) + ".checkpoint");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
