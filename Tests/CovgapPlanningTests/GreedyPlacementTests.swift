import CovgapTestSupport
@testable import CovgapGrid
@testable import CovgapModel
@testable import CovgapPlanning
import Foundation
import GDALBridge
import Testing

/// The shared-mast placement: lazy greedy against plain greedy and brute force, and the disc of demand cells a mast
/// covers against a direct distance check.
@Suite struct GreedyPlacementTests {
    /// Plain greedy written out in full: every round weighs every candidate (ties: lower index).
    static func plainGreedy(_ sets: [[Int]], _ weights: [Int64], minGain: Int64, maxPicks: Int) -> [LazyGreedy.Pick] {
        var covered = Set<Int>()
        var picks: [LazyGreedy.Pick] = []
        while picks.count < maxPicks {
            var best = -1
            var bestGain: Int64 = 0
            for (c, s) in sets.enumerated() {
                let g = Set(s).subtracting(covered).reduce(Int64(0)) { $0 + weights[$1] }
                if g > bestGain {
                    best = c
                    bestGain = g
                }
            }
            guard best >= 0, bestGain >= minGain else { break }
            covered.formUnion(sets[best])
            picks.append(.init(candidate: best, gain: bestGain))
        }
        return picks
    }

    @Test func knownOptimumOnASmallCase() {
        // Items 0–2 hold 10 people each, 3–5 one each. c0 = {0,1}, c1 = {1,2}, c2 = {2,3,4,5}, c3 = {0}.
        let weights: [Int64] = [10, 10, 10, 1, 1, 1]
        let sets = [[0, 1], [1, 2], [2, 3, 4, 5], [0]]
        var covered = [Bool](repeating: false, count: 6)
        let (picks, _) = LazyGreedy.solve(
            ExplicitSets(sets: sets), weights: weights, covered: &covered, minGain: 1, target: .max, maxPicks: 2)
        // By hand: c0 (20, ties c1 and wins on index), then c2 adds 13 (c1 would add 10): 33 people, everyone.
        #expect(picks == [.init(candidate: 0, gain: 20), .init(candidate: 2, gain: 13)])
        // Brute force over every pair: 33 is the optimum for two masts.
        var best: Int64 = 0
        for a in sets.indices {
            for b in sets.indices where b > a {
                best = max(best, Set(sets[a] + sets[b]).reduce(0) { $0 + weights[$1] })
            }
        }
        #expect(best == 33)
    }

    @Test func stopsAtTheMinimumGainAndTheTarget() {
        let weights: [Int64] = [50, 30, 5]
        let sets = [[0], [1], [2]]
        var covered = [Bool](repeating: false, count: 3)
        #expect(
            LazyGreedy.solve(
                ExplicitSets(sets: sets), weights: weights, covered: &covered, minGain: 10, target: .max, maxPicks: 9
            ).picks.count == 2)
        covered = [Bool](repeating: false, count: 3)
        // Target 60 of 85: the first two picks (80) pass it, so the second is the last.
        #expect(
            LazyGreedy.solve(
                ExplicitSets(sets: sets), weights: weights, covered: &covered, minGain: 1, target: 60, maxPicks: 9
            ).picks.count == 2)
        covered = [Bool](repeating: false, count: 3)
        #expect(
            LazyGreedy.solve(
                ExplicitSets(sets: sets), weights: weights, covered: &covered, minGain: 1, target: 40, maxPicks: 9
            ).picks.count == 1)
    }

    @Test func lazyPicksWhatPlainGreedyPicks() {
        var rng = Mutator(seed: 52)  // seeded: a failure replays the same cases
        for _ in 0..<40 {
            let items = Int.random(in: 5...60, using: &rng)
            let candidates = Int.random(in: 2...40, using: &rng)
            let weights = (0..<items).map { _ in Int64.random(in: 0...20, using: &rng) }
            let sets = (0..<candidates).map { _ in
                (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0..<items, using: &rng) }
            }
            .map { Array(Set($0)).sorted() }
            var covered = [Bool](repeating: false, count: items)
            let lazy = LazyGreedy.solve(
                ExplicitSets(sets: sets), weights: weights, covered: &covered, minGain: 3, target: .max, maxPicks: 8,
                threads: 2)
            #expect(
                lazy.picks == GreedyPlacementTests.plainGreedy(sets, weights, minGain: 3, maxPicks: 8),
                "\(sets) \(weights)")
        }
    }

    static func demand(width: Int, height: Int, people: [Int: Int64]) -> DemandGrid {
        var p = [Int64](repeating: 0, count: width * height)
        for (k, v) in people { p[k] = v }
        return DemandGrid(
            factor: 1, width: width, height: height, originX: 0, originY: Double(height) * 100, cellX: 100, cellY: -100,
            people: p, area: p.map { $0 > 0 ? 10_000_000 : 0 })
    }

    @Test func discCellsAreThoseWhoseCentreIsWithinTheRadius() {
        let d = GreedyPlacementTests.demand(width: 40, height: 30, people: [:])
        var rng = Mutator(seed: 73)  // seeded: a failure replays the same cases
        for _ in 0..<200 {
            let p = (x: Double.random(in: -300...4300, using: &rng), y: Double.random(in: -300...3300, using: &rng))
            let r = Double.random(in: 0...900, using: &rng)
            var got: [Int] = []
            DiscSets(demand: d, positions: [p], radius: r).forEachCovered(0) { got.append($0) }
            var want: [Int] = []
            for i in 0..<30 {
                for j in 0..<40 {
                    let cx = (Double(j) + 0.5) * 100
                    let cy = 3000 - (Double(i) + 0.5) * 100
                    if (cx - p.x) * (cx - p.x) + (cy - p.y) * (cy - p.y) <= r * r { want.append(i * 40 + j) }
                }
            }
            #expect(got == want, "\(p) r \(r)")
        }
    }

    @Test func theFirstMastGoesWhereTheMostPeopleAre() throws {
        // Two villages: 300 people around cell (5, 5) and 120 around (30, 20) of a 40 × 30 grid of 100 m cells.
        var people: [Int: Int64] = [:]
        for (i, j, v) in [(5, 5, 100), (5, 6, 100), (6, 5, 100), (20, 30, 60), (21, 30, 60)] {
            people[i * 40 + j] = Int64(v) * 1_000_000
        }
        let d = GreedyPlacementTests.demand(width: 40, height: 30, people: people)
        let grid = AnalysisGrid(
            crsWKT: "", geoTransform: GeoTransform(originX: 0, pixelWidth: 100, originY: 3000, pixelHeight: -100),
            width: 40, height: 30,
            cellArea: .constant(10_000), resolutionMetres: 100)
        let settings = SharedSiteSettings(
            technology: .fourG, latticeMetres: 100, heightMetres: 30, radiusKm: 0.25, environment: .rural,
            minPeople: 50, targetShare: 1, maxSites: 5, demandCellMetres: nil)
        let planner = SharedSitePlanner(settings: settings, grid: grid, configPath: "test", thresholdDbm: -105)
        let positions = try planner.candidates(d)
        var covered = [Bool](repeating: false, count: d.people.count)
        let (picks, _) = LazyGreedy.solve(
            DiscSets(demand: d, positions: positions, radius: 250), weights: d.people, covered: &covered,
            minGain: 50_000_000, target: .max, maxPicks: 5)
        // Brute force: the best single lattice point covers all 300; the second pick takes the 120; nothing is left.
        #expect(picks.map(\.gain) == [300_000_000, 120_000_000])
        let first = positions[picks[0].candidate]
        for (i, j) in [(5, 5), (5, 6), (6, 5)] {
            let cx = (Double(j) + 0.5) * 100
            let cy = 3000 - (Double(i) + 0.5) * 100
            #expect((cx - first.x) * (cx - first.x) + (cy - first.y) * (cy - first.y) <= 250 * 250)
        }
    }
}
