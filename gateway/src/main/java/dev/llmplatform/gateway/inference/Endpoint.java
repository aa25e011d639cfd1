package dev.llmplatform.gateway.inference;

import dev.llmplatform.proto.inference.v1.LoadReport;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import io.grpc.ManagedChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One inference endpoint ({@code host:port}) as the gateway sees it: the model it reported, whether it is ready,
 * its last load report and the calls this gateway has in flight to it.
 */
public final class Endpoint {

    private final String address;
    private final ManagedChannel channel;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile ModelInfo info;
    private volatile LoadReport load;
    /** This gateway's calls in flight when {@link #load} was received. */
    private volatile int ownAtProbe;
    private volatile boolean reachable;
    private volatile boolean suspect;
    private volatile long suspectSince;

    /** An endpoint not probed yet (no model known, not ready). */
    public Endpoint(String address, ManagedChannel channel) {
        this.address = address;
        this.channel = channel;
    }

    /** host:port. */
    public String address() {
        return address;
    }

    /** The channel to it. */
    public ManagedChannel channel() {
        return channel;
    }

    /** The name of the model it serves, or null before the first successful probe. */
    public String model() {
        ModelInfo current = info;
        return current == null ? null : current.getName();
    }

    /** The last model info, or null. */
    public ModelInfo info() {
        return info;
    }

    /** True when it answered the last probe, its model is loaded and it accepts requests. */
    public boolean ready() {
        ModelInfo currentInfo = info;
        LoadReport currentLoad = load;
        return reachable && currentInfo != null && currentInfo.getReady()
                && (currentLoad == null || currentLoad.getReady());
    }

    /**
     * Busy fraction used to pick the least-loaded endpoint: this gateway's own calls in flight now plus the others'
     * (the running + waiting of the last probe's report, less this gateway's calls in flight when it answered), over
     * the number of slots. Own calls count as they start and end, so a report up to a probe interval old does not
     * show a replica fuller or emptier than this gateway made it since.
     */
    public double loadScore() {
        LoadReport currentLoad = load;
        int reported = currentLoad == null ? 0 : currentLoad.getRunning() + currentLoad.getWaiting();
        return (double) (inFlight.get() + Math.max(0, reported - ownAtProbe)) / slots();
    }

    /** Calls from this gateway in flight. */
    public int inFlight() {
        return inFlight.get();
    }

    void callStarted() {
        inFlight.incrementAndGet();
    }

    void callEnded() {
        inFlight.decrementAndGet();
    }

    /** Slots reported by the last probe (GetLoad, else GetModelInfo), at least 1. */
    public int slots() {
        LoadReport currentLoad = load;
        ModelInfo currentInfo = info;
        return currentLoad != null && currentLoad.getSlots() > 0 ? currentLoad.getSlots()
                : currentInfo != null && currentInfo.getSlots() > 0 ? currentInfo.getSlots() : 1;
    }

    /**
     * A probe that started at {@code startedNanos} answered. It makes the endpoint reachable again unless it was
     * marked suspect after that probe started (the probe then says nothing about the stall).
     */
    void probed(ModelInfo newInfo, LoadReport newLoad, long startedNanos) {
        this.info = newInfo;
        this.ownAtProbe = inFlight.get();
        this.load = newLoad;
        if (!suspect || startedNanos - suspectSince > 0) {
            this.suspect = false;
            this.reachable = true;
        }
    }

    void unreachable() {
        this.reachable = false;
    }

    /** A call to it went silent: out of routing until a probe that starts from now on succeeds. */
    void suspect() {
        this.suspectSince = System.nanoTime();
        this.suspect = true;
        this.reachable = false;
    }

    @Override
    public String toString() {
        return address + "(" + model() + (ready() ? ", ready" : ", not ready") + ")";
    }
}
