package dev.llmplatform.hfhub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the library logs (through java.util.logging, see the surefire configuration) while open. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.llmplatform.hfhub");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** The level and message of every record so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether a record of that severity (jboss-logging's WARN is java.util.logging's WARNING) has the text. */
    boolean has(Level level, String text) {
        return records.stream().anyMatch(r -> r.getLevel().intValue() == level.intValue()
                && r.getMessage().contains(text));
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        lines.add(record.getLevel().getName() + " " + record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
