import HeapModule

/// Hands each item to exactly one carrier at least total cost within the carriers' capacities: a transportation problem
/// with unit supplies, solved exactly by successive shortest paths. With few carriers the residual graph is taken over
/// the carriers alone: an edge c → c′ moves the item of c that is cheapest to move (a heap per pair), so each new
/// item costs one Bellman–Ford over ≤ 7 nodes. Costs are integers (metres), so optimality is exact and ties
/// deterministic.
enum TransportAssignment {
    /// Why an assignment cannot be made.
    struct Infeasible: Error, CustomStringConvertible {
        let item: Int
        var description: String { "item \(item) fits no carrier: every carrier allowed to take it is full" }
    }

    /// The carrier of each item. `costs[i][c]` is nil where carrier c may not take item i.
    static func solve(costs: [[Int64?]], capacities: [Int]) throws -> [Int] {
        let k = capacities.count
        var assigned = [Int](repeating: -1, count: costs.count)
        var load = [Int](repeating: 0, count: k)
        // heaps[c][c2]: items now at c that may move to c2, by the cost of moving (least first, then lower index).
        var heaps = [[Heap<RankedCandidate>]](repeating: .init(repeating: Heap(), count: k), count: k)
        func place(_ j: Int, at c: Int) {
            assigned[j] = c
            for c2 in 0..<k where c2 != c {
                if let to = costs[j][c2], let from = costs[j][c] {
                    heaps[c][c2].insert(RankedCandidate(gain: -(to - from), candidate: j))
                }
            }
        }
        /// The cheapest move from c to c2 (dropping entries of items that have moved since).
        func cheapestMove(_ c: Int, _ c2: Int) -> (cost: Int64, item: Int)? {
            while let top = heaps[c][c2].max {
                if assigned[top.candidate] == c { return (-top.gain, top.candidate) }
                _ = heaps[c][c2].popMax()
            }
            return nil
        }
        for i in costs.indices {
            var dist = [Int64?](repeating: nil, count: k)
            var via = [(from: Int, item: Int)?](repeating: nil, count: k)  // from −1: the new item itself
            for c in 0..<k { if let a = costs[i][c] { dist[c] = a; via[c] = (-1, i) } }
            var moves: [[(cost: Int64, item: Int)?]] = (0..<k).map { c in
                (0..<k).map { c2 in c == c2 ? nil : cheapestMove(c, c2) }
            }
            for _ in 0..<k {
                var changed = false
                for c in 0..<k {
                    guard let d = dist[c] else { continue }
                    for c2 in 0..<k {
                        guard let m = moves[c][c2] else { continue }
                        if dist[c2] == nil || d + m.cost < dist[c2]! {
                            dist[c2] = d + m.cost; via[c2] = (c, m.item); changed = true
                        }
                    }
                }
                if !changed { break }
            }
            moves = []
            var target = -1
            for c in 0..<k where load[c] < capacities[c] {
                if let d = dist[c], target < 0 || d < dist[target]! { target = c }
            }
            guard target >= 0 else { throw Infeasible(item: i) }
            // Walk the path back: each step moves one item into the carrier it reaches.
            load[target] += 1
            var c = target
            var steps = 0
            while let step = via[c] {
                place(step.item, at: c)
                if step.from < 0 { break }
                c = step.from
                steps += 1
                precondition(steps <= k, "a shortest path over carriers is simple")
            }
        }
        return assigned
    }

    /// The greedy "nearest carrier" rule: items in the given order each go to their cheapest carrier with room left.
    static func greedy(costs: [[Int64?]], capacities: [Int]) throws -> [Int] {
        var load = [Int](repeating: 0, count: capacities.count)
        return try costs.indices.map { i in
            var best = -1
            for c in capacities.indices where load[c] < capacities[c] {
                if let a = costs[i][c], best < 0 || a < costs[i][best]! { best = c }
            }
            guard best >= 0 else { throw Infeasible(item: i) }
            load[best] += 1
            return best
        }
    }

    /// Total cost of an assignment.
    static func total(_ assignment: [Int], costs: [[Int64?]]) -> Int64 {
        assignment.enumerated().reduce(0) { $0 + costs[$1.offset][$1.element]! }
    }
}
