package vn.thidua.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Signer keys kept in files, in Go's {@code PRIVATE+KEY+...} form: read, or created with a new key in a file that is
 * readable by its owner only from the moment it exists (written beside, then moved into place).
 */
public final class KeyFiles {

    /** A key read, or made because the file did not exist. */
    public record Loaded(NoteKeys.Signer key, boolean created) {
    }

    private KeyFiles() {
    }

    public static Loaded readOrCreate(Path file, String name, NoteKeys.Type type) throws IOException {
        if (Files.exists(file)) {
            NoteKeys.Signer key = NoteKeys.signer(Files.readString(file, StandardCharsets.UTF_8));
            if (key.type() != type) {
                throw new ProofException(file + " holds a " + key.type() + " key where a " + type + " key is needed");
            }
            return new Loaded(key, false);
        }
        NoteKeys.Signer created = NoteKeys.generate(name, type);
        Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
        Path fresh = Files.createTempFile(folder, ".key", ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(fresh, created.encoded() + "\n", StandardCharsets.UTF_8);
        Files.move(fresh, file);
        return new Loaded(created, true);
    }
}
