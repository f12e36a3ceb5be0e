import Foundation
import Testing

@testable import CovgapTerrain

/// The delta-Bullington method against values worked by hand from the textbook formulas.
@Suite struct DiffractionTests {
    /// 1800 MHz: λ = 0.16655 m.
    let model = Diffraction(frequencyMHz: 1800)
    /// An Earth so large it is flat over a few km.
    let flatEarth = Diffraction(frequencyMHz: 1800, kFactor: 1e9)

    /// Knife-edge loss J(ν): 6 dB at grazing incidence (ν = 0), nothing at ν ≤ −0.78, 13.9 dB at ν = 1 (P.526
    /// Fig. 9).
    @Test func knifeEdgeMatchesTheTextbookCurve() {
        #expect(abs(Diffraction.knifeEdge(0) - 6.03) < 0.01)
        #expect(Diffraction.knifeEdge(-0.8) == 0)
        #expect(abs(Diffraction.knifeEdge(1) - 13.92) < 0.01)
    }

    /// Free space over 5 km at 1800 MHz: 32.45 + 20 log 1800 + 20 log 5 = 111.53 dB.
    @Test func freeSpaceLoss() {
        #expect(abs(model.freeSpace(distanceKm: 5) - 111.53) < 0.01)
    }

    /// One knife edge 10 m above the line between two 10 m masts 10 km apart, at the middle, flat Earth:
    /// ν = h √(2 d / (λ d1 d2)) = 10 √(2 × 10000 / (0.16655 × 5000 × 5000)) = 0.693, J(ν) = 11.79 dB.
    @Test func singleKnifeEdgeGivesTheTextbookLoss() {
        let n = 100, heights = profile(n) { $0 == 50 ? 20 : 0 }
        let luc = flatEarth.uncorrectedBullington(
            n: n, stepKm: 0.1, hts: 10, hrs: 10, height: { Double(heights[$0]) })
        let nu = 10 * (2 * 10000 / (0.166_551 * 5000 * 5000)).squareRoot()
        #expect(abs(nu - 0.693) < 0.001)
        #expect(abs(luc - Diffraction.knifeEdge(nu)) < 0.01)
        #expect(abs(luc - 11.79) < 0.02)
        // The Recommendation's correction for the whole path: [1 − exp(−Luc/6)](10 + 0.02 d).
        let corrected = flatEarth.bullington(n: n, stepKm: 0.1, hts: 10, hrs: 10, height: { Double(heights[$0]) })
        #expect(abs(corrected - (luc + (1 - exp(-luc / 6)) * 10.2)) < 1e-9)
    }

    /// Two 200 m masts 5 km apart over flat ground clear every Fresnel zone: no diffraction, free space only.
    @Test func clearPathIsFreeSpace() {
        let heights = profile(50) { _ in 0 }
        let loss = heights.withUnsafeBufferPointer {
            model.loss(heights: $0, count: 50, stepKm: 0.1, txAboveGround: 200, rxAboveGround: 200)
        }
        #expect(loss == 0)
    }

    /// A 500 m ridge 3 km from a 30 m mast on a 10 km path to a 1.5 m handset: the line between the antennas passes
    /// 21.45 m up there, the 4/3 Earth bulges 500 × 3 × 7 / 8495 = 1.24 m, so the ridge stands 479.8 m into the path:
    /// ν = 479.8 √(2 × 10000 / (0.16655 × 3000 × 7000)) = 36.3, J = 44.1 dB, and with the correction
    /// (1 − e^(−44.1/6)) × 10.2 = 10.2 dB, Bullington's loss is 54.3 dB. The delta correction only adds. Received
    /// from a 27 dBm reference signal, the level is far below −105 dBm.
    @Test func ridgeBlocksThePath() {
        let n = 100, heights = profile(n) { $0 == 30 ? 500 : 0 }
        let bull = model.bullington(n: n, stepKm: 0.1, hts: 30, hrs: 1.5, height: { Double(heights[$0]) })
        #expect(abs(bull - 54.3) < 0.2)
        let loss = heights.withUnsafeBufferPointer {
            model.loss(heights: $0, count: n, stepKm: 0.1, txAboveGround: 30, rxAboveGround: 1.5)
        }
        #expect(loss >= bull - 1e-9)
        #expect(27 - model.freeSpace(distanceKm: 10) - loss < -105)
    }

    /// Smooth Earth at sea level, 15 km from a 30 m mast to a 1.5 m handset (both Bullington terms are equal, so the
    /// loss is the spherical-Earth term). Worked by hand from P.452-17 §4.2.2: d_los = 27.6 km, so within the horizon;
    /// c = 0.905, m = 0.210, b = 0.857, d_se1 = 13.93 km, h_se = 2.66 m < h_req = 7.10 m; a_em = 2506 km, X = 2.163,
    /// F = −23.72, G(Y1 = 3.131) = 15.54, G(Y2 = 0.157) = −16.08, so A = 24.26 dB and the loss (1 − 2.66/7.10) ×
    /// 24.26 = 15.2 dB.
    @Test func smoothEarthWithinTheHorizon() {
        let n = 150, heights = profile(n) { _ in 0 }
        let loss = heights.withUnsafeBufferPointer {
            model.loss(heights: $0, count: n, stepKm: 0.1, txAboveGround: 30, rxAboveGround: 1.5)
        }
        #expect(abs(loss - 15.2) < 0.3)
    }

    /// Beyond the horizon the loss only grows with distance.
    @Test func smoothEarthLossGrowsBeyondTheHorizon() {
        let n = 400, heights = profile(n) { _ in 0 }
        let losses = [100, 200, 300, 400].map { count in
            heights.withUnsafeBufferPointer {
                model.loss(heights: $0, count: count, stepKm: 0.1, txAboveGround: 30, rxAboveGround: 1.5)
            }
        }
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 < $1 })
    }

    private func profile(_ n: Int, _ height: (Int) -> Float) -> [Float] { (0...n).map(height) }
}
