package dev.llmplatform.tokenizer.error;

/** The service has no room for the call's text right now (the bytes-in-flight budget); maps to RESOURCE_EXHAUSTED. */
public final class BusyException extends TokenizerServiceException {

    /** A call needing {@code needed} bytes found {@code inUse} of {@code budget} taken for {@code waitedMillis}. */
    public BusyException(long needed, long inUse, long budget, long waitedMillis) {
        super("the service is busy: " + inUse + " UTF-8 bytes of text are being worked on and this call needs "
                + needed + " more, over the limit of " + budget + " bytes in flight (tokenizers.max-bytes-in-flight); "
                + "waited " + waitedMillis + " ms, send it again later");
    }
}
