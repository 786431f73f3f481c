package dev.backprop.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file atomically: the content is written under a temporary name beside it
 * ({@code model.npz.<random>.tmp}), forced to disk and renamed over the target, so a reader sees
 * the old file or the complete new one, never half of one, even if the JVM dies mid-write.
 *
 * <p>A JVM killed mid-write leaves its temporary file behind. So the writer holds an exclusive
 * lock on its temporary file for as long as it writes, and every write first deletes the
 * temporary files of the same target that nobody holds a lock on: the operating system releases a
 * dead process's locks, so those are exactly the ones whose writer is gone. Stale files therefore
 * never pile up beyond one per writer that died since the last successful save.
 */
final class AtomicFile {
    /** Writes the content; it may close the stream it is given, which only flushes it. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code file}, replacing it atomically; on failure the old file is
     * untouched and the temporary file is removed.
     */
    static void write(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = file.toAbsolutePath();
        removeStaleTemporaries(target);
        for (int attempt = 1; ; attempt++) {
            Path temporary = temporaryName(target);
            FileChannel channel;
            try {
                // CREATE_NEW honours the umask like any new file (Files.createTempFile would make it
                // rw------- and the rename would give the model those permissions).
                channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
                continue;
            }
            try (channel; FileLock lock = channel.lock()) {
                if (!Files.exists(temporary)) {
                    // Another writer's clean-up found it unlocked between its creation and this lock
                    // and deleted it (clean-up deletes only while holding the lock): take a new name.
                    continue;
                }
                try (OutputStream out = new FlushOnClose(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
                    content.writeTo(out);
                }
                // On disk before the rename: otherwise a crash could leave a renamed, empty file.
                channel.force(true);
                move(temporary, target);
                return;
            } catch (Throwable e) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /** The temporary files of {@code target} present now, whether stale or in use. */
    static Pattern temporaryPattern(Path target) {
        return Pattern.compile(Pattern.quote(target.getFileName().toString()) + "\\.[0-9a-z]{1,13}\\.tmp");
    }

    /** Deletes every temporary file of {@code target} that no live writer holds a lock on. */
    private static void removeStaleTemporaries(Path target) throws IOException {
        Path directory = target.getParent();
        Pattern pattern = temporaryPattern(target);
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory,
                p -> pattern.matcher(p.getFileName().toString()).matches())) {
            for (Path stale : siblings) {
                deleteIfUnlocked(stale);
            }
        } catch (NoSuchFileException e) {
            // No directory yet: the write itself will report it.
        }
    }

    private static void deleteIfUnlocked(Path candidate) {
        try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                try {
                    Files.deleteIfExists(candidate);
                } finally {
                    lock.release();
                }
            }
        } catch (OverlappingFileLockException | IOException e) {
            // Held by a writer in this JVM, or gone, or not ours to delete: leave it.
        }
    }

    private static Path temporaryName(Path target) {
        return target.resolveSibling(target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Closing flushes but leaves the channel open: the lock must outlive the content's streams. */
    private static final class FlushOnClose extends FilterOutputStream {
        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
