package dev.llmplatform.bench.routing;

import dev.llmplatform.testkit.client.StreamResult;
import dev.llmplatform.testkit.stats.Percentiles;
import java.util.List;

/**
 * What one routing policy gave over its conversations.
 *
 * @param turns          turns sent
 * @param failed         turns that did not complete with a usage report
 * @param laterTurns     completed turns after each conversation's first
 * @param warmShare      share (0 to 1) of the later turns that landed on a replica holding their conversation
 * @param reusedShare    prompt tokens reused over prompt tokens, over the later turns
 * @param ttftFirstMs    time to first token of the first turns
 * @param ttftLaterMs    time to first token of the later turns
 */
record RoutingFigures(int turns, int failed, int laterTurns, double warmShare, double reusedShare,
        Percentiles.Summary ttftFirstMs, Percentiles.Summary ttftLaterMs) {

    /** The figures of one policy's turns. */
    static RoutingFigures of(List<RoutedTurn> turns) {
        List<RoutedTurn> done = turns.stream().filter(RoutedTurn::completed).toList();
        List<RoutedTurn> later = done.stream().filter(t -> t.turn() > 0).toList();
        long warm = later.stream().filter(RoutedTurn::warm).count();
        long prompt = later.stream().mapToLong(RoutedTurn::promptTokens).sum();
        long reused = later.stream().mapToLong(RoutedTurn::cachedTokens).sum();
        return new RoutingFigures(turns.size(), turns.size() - done.size(), later.size(),
                later.isEmpty() ? Double.NaN : (double) warm / later.size(),
                prompt == 0 ? Double.NaN : (double) reused / prompt,
                ttft(done.stream().filter(t -> t.turn() == 0).toList()), ttft(later));
    }

    private static Percentiles.Summary ttft(List<RoutedTurn> turns) {
        return Percentiles.of(turns.stream().map(RoutedTurn::result).map(StreamResult::ttftMs).toList()).summary();
    }
}
