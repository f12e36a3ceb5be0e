import Dispatch

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
        var initial = [Int64](repeating: 0, count: n)
        let snapshot = covered
        let chunks = max(1, min(threads * 8, n))
        initial.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            nonisolated(unsafe) let shared = base
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                var c = k * n / chunks
                while c < (k + 1) * n / chunks { shared[c] = gain(sets, c, weights, snapshot); c += 1 }
            }
        }
        var heap = MaxHeap()
        for c in 0..<n where initial[c] > 0 { heap.push(gain: initial[c], candidate: c) }
        var picks: [Pick] = []
        var total: Int64 = 0
        var evaluations = n
        while picks.count < maxPicks, total < target, let top = heap.pop() {
            let g = gain(sets, top.candidate, weights, covered)
            evaluations += 1
            if let next = heap.peek(), MaxHeap.before((next.gain, next.candidate), (g, top.candidate)) {
                if g > 0 { heap.push(gain: g, candidate: top.candidate) }
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

/// A binary max-heap of (gain, candidate): larger gain first, then the lower candidate index.
struct MaxHeap {
    private var items: [(gain: Int64, candidate: Int)] = []

    /// True when `a` comes out before `b`.
    static func before(_ a: (Int64, Int), _ b: (Int64, Int)) -> Bool { a.0 != b.0 ? a.0 > b.0 : a.1 < b.1 }

    mutating func push(gain: Int64, candidate: Int) {
        items.append((gain, candidate))
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard MaxHeap.before(items[i], items[p]) else { break }
            items.swapAt(i, p)
            i = p
        }
    }

    func peek() -> (gain: Int64, candidate: Int)? { items.first }

    mutating func pop() -> (gain: Int64, candidate: Int)? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, MaxHeap.before(items[l], items[m]) { m = l }
                if r < items.count, MaxHeap.before(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
