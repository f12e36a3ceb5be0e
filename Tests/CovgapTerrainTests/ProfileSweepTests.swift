import CovgapTestSupport
import Foundation
import Testing

@testable import CovgapTerrain

/// The one-pass sweep along a profile gives, at every receiver point, the loss of the direct delta-Bullington
/// calculation over that point's own profile (`Diffraction.loss`, checked by hand in `DiffractionTests`).
@Suite struct ProfileSweepTests {
    /// Random profiles of every kind the terrain offers: flat, rolling, a ridge, a valley floor, a spike.
    @Test(arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func everyPointMatchesTheDirectCalculation(seed: UInt64) {
        var random = Mutator(seed: seed)
        let n = 60 + random.below(140)
        let stepKm = [0.03, 0.09, 0.1, 0.25][random.below(4)]
        let relief = [0.0, 20, 300, 1200][random.below(4)]
        let base = Double(random.below(500))
        var heights: [Float] = []
        var h = base
        for _ in 0...n {
            h = max(0, h + Double.random(in: -0.5..<0.5, using: &random) * relief * 0.2)
            heights.append(Float(h))
        }
        if random.next() % 2 == 0 { heights[n / 3] += Float(relief) }
        let tx = [1.5, 15, 30, 60][random.below(4)]
        for kFactor in [4.0 / 3.0, 1e9] {
            let diffraction = Diffraction(frequencyMHz: [900.0, 1800, 2600][random.below(3)], kFactor: kFactor)
            let sweep = ProfileSweep(diffraction: diffraction, stepKm: stepKm, capacity: n)
            var swept = [Float](repeating: .nan, count: n + 1)
            heights.withUnsafeBufferPointer { hp in
                swept.withUnsafeMutableBufferPointer { out in
                    sweep.losses(heights: hp, first: 0, last: n, txAboveGround: tx, rxAboveGround: 1.5, into: out)
                }
                for j in 0...n {
                    let direct = diffraction.loss(
                        heights: hp, count: j, stepKm: stepKm, txAboveGround: tx, rxAboveGround: 1.5)
                    #expect(
                        abs(Double(swept[j]) - direct) < 1e-3,
                        "seed \(seed) k \(kFactor) point \(j) of \(n): sweep \(swept[j]) direct \(direct)")
                }
            }
        }
    }

    /// Bullington over a smooth Earth without a scan (closed-form slopes, ν from the cubic for its peak) equals the
    /// scan over every point, for paths from 200 m to 40 km and antennas from 0.5 to 300 m above the surface.
    @Test func smoothEarthBullingtonWithoutAScan() {
        var random = Mutator(seed: 29)
        for kFactor in [4.0 / 3.0, 1, 1e9] {
            let diffraction = Diffraction(frequencyMHz: 1800, kFactor: kFactor)
            for _ in 0..<300 {
                let n = 2 + random.below(400), stepKm = [0.05, 0.1][random.below(2)]
                let hte = Double.random(in: 0.5...300, using: &random)
                let hre = Double.random(in: 0.5...300, using: &random)
                let sweep = ProfileSweep(diffraction: diffraction, stepKm: stepKm, capacity: n)
                let d = Double(n) * stepKm
                let fast = sweep.smoothBullington(n: n, d: d, hte: hte, hre: hre)
                let scan = diffraction.uncorrectedBullington(
                    n: n, stepKm: stepKm, hts: hte, hrs: hre, height: { _ in 0 })
                #expect(abs(fast - scan) < 1e-9, "k \(kFactor) n \(n) step \(stepKm) hte \(hte) hre \(hre)")
            }
        }
    }

    /// A sweep asked for a later stretch of the profile carries the earlier points all the same.
    @Test func aStretchMatchesTheWholeSweep() {
        let n = 120
        let heights = (0...n).map { i -> Float in Float(100 + 80 * sin(Double(i) / 7) + (i == 40 ? 300 : 0)) }
        let sweep = ProfileSweep(diffraction: Diffraction(frequencyMHz: 1800), stepKm: 0.1, capacity: n)
        var whole = [Float](repeating: 0, count: n + 1), part = [Float](repeating: 0, count: 31)
        heights.withUnsafeBufferPointer { hp in
            whole.withUnsafeMutableBufferPointer {
                sweep.losses(heights: hp, first: 0, last: n, txAboveGround: 30, rxAboveGround: 1.5, into: $0)
            }
            part.withUnsafeMutableBufferPointer {
                sweep.losses(heights: hp, first: 80, last: 110, txAboveGround: 30, rxAboveGround: 1.5, into: $0)
            }
        }
        #expect(Array(whole[80...110]) == part)
    }
}
