package dev.llmplatform.hfhub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * An exclusive lock on a lock file, held across processes (and so across replicas sharing a cache volume) with
 * {@link FileChannel#lock()}, as {@code huggingface_hub} does with {@code filelock}. A JVM can hold a file lock only
 * once, so threads of one process first queue on an in-process lock for the same path. The lock file stays in place
 * afterwards (deleting it would let a waiting process lock a file nobody else sees).
 *
 * <p>File locks are advisory, and some network file systems do not honour them; the downloads this lock guards are
 * verified before they are moved into place, so a lock that is not honoured costs a failed download, not a corrupt
 * cache.
 */
public final class CacheLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CacheLock.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits for and takes the lock, creating the lock file and its folders when needed.
     *
     * @param lockFile the lock file
     * @param what     what the lock guards, for the log line written while waiting
     */
    public static CacheLock acquire(Path lockFile, String what) throws IOException, InterruptedException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        if (!local.tryLock()) {
            LOG.infof("%s: waiting for another download in this process (%s)", what, key);
            local.lockInterruptibly();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LOG.infof("%s: waiting for another process that holds %s", what, key);
                lock = channel.lock();
            }
            return new CacheLock(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
