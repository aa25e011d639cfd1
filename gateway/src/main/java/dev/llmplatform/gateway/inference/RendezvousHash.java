package dev.llmplatform.gateway.inference;

import java.nio.charset.StandardCharsets;

/**
 * Rendezvous (highest random weight) hashing: each key ranks every endpoint address by a mixed hash of the pair, and
 * the top-ranked address is the key's home. When an endpoint joins or leaves, only the keys whose home it is (or
 * becomes) move; every gateway replica computes the same home without sharing state.
 */
final class RendezvousHash {

    private RendezvousHash() {
    }

    /** The weight of {@code address} for {@code key}; the highest weight wins. */
    static long weight(long key, String address) {
        long h = key;
        for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
