package vn.thidua.command.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code command-side.lock} in the data folder, holding the owner's process id. A lock of the
 * operating system's, so a process killed with SIGKILL leaves it free; while its owner lives, nobody else gets it.
 */
public final class DataFolderLock implements AutoCloseable {

    private final FileChannel file;
    private final FileLock lock;

    private DataFolderLock(FileChannel file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    public static DataFolderLock take(Path dataFolder) throws IOException {
        Files.createDirectories(dataFolder);
        Path path = dataFolder.resolve("command-side.lock");
        FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = file.tryLock();
        if (lock == null) {
            String owner = Files.readString(path, StandardCharsets.UTF_8).strip();
            file.close();
            throw new IllegalStateException("The data folder " + dataFolder.toAbsolutePath() + " belongs to another"
                    + " command side that is running (pid " + (owner.isEmpty() ? "unknown" : owner) + "): its"
                    + " embedded store is left alone. Stop that one, or start this one with its own THIDUA_DATA_DIR"
                    + " (several command sides share one store under the postgres profile).");
        }
        file.truncate(0);
        file.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        file.force(true);
        return new DataFolderLock(file, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        file.close();
    }
}
