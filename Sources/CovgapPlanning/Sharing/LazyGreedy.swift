import CovgapSupport
import HeapModule

/// Candidate sets for maximum coverage: which demand items each candidate covers.
protocol CoverageSets: Sendable {
    var candidateCount: Int { get }
    /// Calls `body` with each demand item candidate `c` covers (each once).
    func forEachCovered(_ c: Int, _ body: (Int) -> Void)
}

/// An explicit list of demand items per candidate (small problems, tests).
struct ExplicitSets: CoverageSets {
    let sets: [[Int]]
    var candidateCount: Int { sets.count }
    func forEachCovered(_ c: Int, _ body: (Int) -> Void) { for i in sets[c] { body(i) } }
}

/// Greedy maximum coverage with lazy evaluation (Minoux's accelerated greedy): a candidate's last computed gain is an
/// upper bound of its gain now (coverage only shrinks what is left), so only the top of a max-heap is re-evaluated.
/// Picks exactly what the plain greedy picks, ties broken by the lower candidate index. Integer weights keep it exact.
enum LazyGreedy {
    /// One pick: the candidate and what it added.
    struct Pick: Equatable, Sendable {
        var candidate: Int
        var gain: Int64
    }

    /// Picks until the next gain is below `minGain` (or zero), the covered weight reaches `target`, or `maxPicks` are
    /// taken. `covered` marks demand items already covered (updated). Initial gains are computed on `threads` workers.
    /// Returns the picks and the number of gain evaluations made (for the benchmark).
    static func solve<S: CoverageSets>(
        _ sets: S, weights: [Int64], covered: inout [Bool], minGain: Int64, target: Int64,
        maxPicks: Int, threads: Int = 1
    ) -> (picks: [Pick], evaluations: Int) {
        let n = sets.candidateCount
        let snapshot = covered
        let chunks = max(1, min(threads * 8, n))
        // Nothing in the workers throws, so neither does the run.
        let initial = try! ParallelTiles.run(
            tileCount: chunks, threads: threads, makeWorker: { _ in () },
            body: { _, k in (k * n / chunks..<(k + 1) * n / chunks).map { gain(sets, $0, weights, snapshot) } }
        ).flatMap { $0 }
        var heap = Heap<RankedCandidate>()
        for c in 0..<n where initial[c] > 0 { heap.insert(RankedCandidate(gain: initial[c], candidate: c)) }
        var picks: [Pick] = []
        var total: Int64 = 0
        var evaluations = n
        while picks.count < maxPicks, total < target, let top = heap.popMax() {
            let g = gain(sets, top.candidate, weights, covered)
            evaluations += 1
            if let next = heap.max, next > RankedCandidate(gain: g, candidate: top.candidate) {
                if g > 0 { heap.insert(RankedCandidate(gain: g, candidate: top.candidate)) }
                continue
            }
            guard g > 0, g >= minGain else { break }
            sets.forEachCovered(top.candidate) { covered[$0] = true }
            total += g
            picks.append(Pick(candidate: top.candidate, gain: g))
        }
        return (picks, evaluations)
    }

    /// The weight candidate `c` would add over `covered`.
    static func gain<S: CoverageSets>(_ sets: S, _ c: Int, _ weights: [Int64], _ covered: [Bool]) -> Int64 {
        var g: Int64 = 0
        sets.forEachCovered(c) { i in if !covered[i] { g += weights[i] } }
        return g
    }
}

/// A candidate ranked by its gain for swift-collections' `Heap`: a larger gain ranks higher, then the lower candidate
/// index. The order is total, so which candidate `max` names never depends on the order of insertion.
struct RankedCandidate: Comparable {
    var gain: Int64
    var candidate: Int

    static func < (a: Self, b: Self) -> Bool { a.gain != b.gain ? a.gain < b.gain : a.candidate > b.candidate }
}
