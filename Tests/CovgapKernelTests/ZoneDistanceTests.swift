import CovgapTestSupport
@testable import CovgapKernel
@testable import CovgapModel
import Foundation
import GDALBridge
import Testing

/// A uniform draw in [0, 1) from the fuzz tests' generator.
private func unit(_ g: inout Mutator) -> Double { Double(g.next() >> 11) / Double(1 << 53) }

/// Zone distances against brute force: for every zone and carrier, the least squared distance between a zone cell and
/// a covered cell, by trying every pair. Small bands and strips put many band and strip edges between zones and coverage.
/// Zones are blocks of `block` × `block` cells; one-cell zones make every cell's own distance count, which is what
/// catches a row transform that leaves out a column it needed (a block's least distance hides most such misses).
/// `denser` multiplies the coverage densities: with most columns covered somewhere, rows take the narrowed transform.
@Suite struct ZoneDistanceTests {
    @Test(arguments: [
        (1, 37, 53, 5, 3, 6, 1), (2, 64, 40, 7, 16, 6, 1), (3, 19, 91, 4, 1, 6, 1), (4, 50, 50, 50, 64, 6, 1),
        (5, 23, 300, 1, 5, 6, 1), (6, 61, 47, 9, 8, 1, 4), (7, 90, 30, 30, 32, 1, 4), (8, 40, 120, 16, 8, 1, 2),
    ])
    func matchesBruteForce(
        seed: Int, width: Int, height: Int, bandRows: Int, stripWidth: Int, block: Int, denser: Double
    ) throws {
        GDALRuntime.initialize()
        var rng = Mutator(seed: UInt64(seed))  // the fuzz tests' SplitMix generator
        let carriers = 3, n = width * height
        // Sparse coverage, a different density per carrier and technology; carrier 2 has no 3G layer at all.
        var bits = [[UInt8]](repeating: [UInt8](repeating: 0, count: n), count: 3)
        let density = [[0.02, 0.005, 0.0], [0.01, 0.03, 0.002]]
        for t in 0..<2 {
            for i in 0..<n {
                for c in 0..<carriers where unit(&rng) < density[t][c] * denser { bits[t][i] |= UInt8(1 << c) }
            }
        }
        for i in 0..<n { bits[2][i] = bits[0][i] | bits[1][i] }
        // Zones: cells no carrier covers in the scope, labelled by a checkerboard of blocks (several zones, some far
        // apart), with holes.
        var zones = [[UInt32]](repeating: [UInt32](repeating: 0, count: n), count: 3)
        for s in 0..<3 {
            for y in 0..<height {
                // One-cell zones are kept sparse, so that most are alone in their row and are their own run.
                for x in 0..<width where bits[s][y * width + x] == 0 && unit(&rng) < (block == 1 ? 0.1 : 0.7) {
                    zones[s][y * width + x] = UInt32(1 + (y / block) * 1000 + (x / block))
                }
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {  // written and closed before they are read
            let b = try RasterDataset.create(
                driver: "GTiff", path: dir + "/bits.tif", width: width, height: height, bands: 3, type: .byte)
            for s in 0..<3 {
                try b.band(s + 1).write(PixelWindow(column: 0, row: 0, width: width, height: height), values: bits[s])
            }
            let z = try RasterDataset.create(
                driver: "GTiff", path: dir + "/zones.tif", width: width, height: height, bands: 6, type: .uint32)
            for s in 0..<3 {
                try z.band(s + 1).write(PixelWindow(column: 0, row: 0, width: width, height: height), values: zones[s])
            }
        }

        let rules = [(0, Technology.threeG), (1, .threeG), (0, .fourG), (1, .fourG), (2, .fourG)].map {
            CoverageRule(carrierIndex: $0.0, technology: $0.1, values: .mask, thresholdDbm: nil, noData: .uncovered)
        }
        let scopes = CarrierScopes(rules: rules)
        let got = try ZoneDistances(
            bitsPath: dir + "/bits.tif", zonesPath: dir + "/zones.tif", boundariesPath: dir + "/boundaries.bin",
            width: width, height: height, carriers: carriers, scopes: scopes, threads: 2, bandRows: bandRows,
            stripWidth: stripWidth, progress: .silent
        )
        .compute(needed: [true, true, true])

        for s in 0..<3 {
            var expected: [UInt32: [Int64]] = [:]
            var covered: [[(Int, Int)]] = (0..<carriers).map { _ in [] }
            for t in (s == 2 ? [0, 1] : [s]) {
                for i in 0..<n {
                    for c in 0..<carriers where scopes.has(carrier: c, scope: t) && bits[t][i] & UInt8(1 << c) != 0 {
                        covered[c].append((i % width, i / width))
                    }
                }
            }
            for i in 0..<n where zones[s][i] != 0 {
                let (x, y) = (i % width, i / width)
                var e = expected[zones[s][i]] ?? [Int64](repeating: ZoneDistances.none, count: carriers)
                for c in 0..<carriers {
                    for (cx, cy) in covered[c] { e[c] = min(e[c], Int64((cx - x) * (cx - x) + (cy - y) * (cy - y))) }
                }
                expected[zones[s][i]] = e
            }
            #expect(
                got[s] == expected,
                "scope \(s): \(got[s].filter { expected[$0.key] != $0.value }.prefix(3)) vs brute force")
        }
    }
}
