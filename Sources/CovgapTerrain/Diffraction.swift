import Foundation

/// Diffraction loss over a terrain profile by the delta-Bullington method of ITU-R P.526-15 §4.5 (the same method as
/// P.452-17 §4.2 and P.1812-6 §4.3): Bullington's construction over the real profile, corrected by the
/// spherical-Earth loss over a smooth surface fitted to the profile, minus Bullington's loss over that smooth surface.
///
/// Distances are in km, heights in metres above sea level, the wavelength in metres, as in the Recommendation. The
/// profile's points are equally spaced: point i lies at i × `stepKm`, the transmitter at 0, the receiver at n.
public struct Diffraction: Sendable {
    /// Frequency in GHz.
    public let frequencyGHz: Double
    /// Wavelength in metres.
    public let wavelength: Double
    /// Effective Earth radius in km (k × 6371).
    public let earthRadiusKm: Double
    /// The ground's factors in the spherical-Earth term.
    let ground: GroundConstants

    /// The method at `frequencyMHz` on an Earth of effective radius k × 6371 km (k = 4/3 for the median atmosphere).
    public init(frequencyMHz: Double, kFactor: Double = 4.0 / 3.0) {
        frequencyGHz = frequencyMHz / 1000
        wavelength = 299.792458 / frequencyMHz
        earthRadiusKm = kFactor * 6371
        ground = GroundConstants(frequencyGHz: frequencyMHz / 1000)
    }

    /// Free-space basic transmission loss in dB over `distanceKm` (P.525: 20 log10(4πd/λ)).
    public func freeSpace(distanceKm: Double) -> Double {
        20 * log10(4 * Double.pi * distanceKm * 1000 / wavelength)
    }

    /// The knife-edge loss J(ν) of P.526-15 eq. (31): 6.9 + 20 log10(√((ν − 0.1)² + 1) + ν − 0.1) for ν >
    /// −0.78, else 0.
    public static func knifeEdge(_ nu: Double) -> Double {
        guard nu > -0.78 else { return 0 }
        let v = nu - 0.1
        return 6.9 + 20 * log10((v * v + 1).squareRoot() + v)
    }

    /// Delta-Bullington diffraction loss (dB) over `heights[0...n]` with antennas `txAboveGround` and `rxAboveGround`
    /// metres above the profile's end points.
    public func loss(
        heights: UnsafeBufferPointer<Float>, count n: Int, stepKm: Double, txAboveGround: Double, rxAboveGround: Double
    ) -> Double {
        guard n >= 2 else { return 0 }
        let hts = Double(heights[0]) + txAboveGround, hrs = Double(heights[n]) + rxAboveGround
        let actual = bullington(
            n: n, stepKm: stepKm, hts: hts, hrs: hrs, height: { Double(heights[$0]) })
        let smooth = SmoothSurface(heights: heights, count: n, stepKm: stepKm, hts: hts, hrs: hrs)
        let hte = hts - smooth.txHeight, hre = hrs - smooth.rxHeight
        let flat = bullington(n: n, stepKm: stepKm, hts: hte, hrs: hre, height: { _ in 0 })
        let spherical = sphericalEarth(distanceKm: Double(n) * stepKm, hte: hte, hre: hre)
        return actual + max(spherical - flat, 0)
    }

    /// Bullington's loss (P.526-15 §4.5.1): the knife-edge loss at the intersection of the rays that clear the
    /// profile's steepest points seen from either end (or at the most obstructing point of a line-of-sight path), plus
    /// the Recommendation's correction [1 − exp(−Luc/6)](10 + 0.02 d).
    func bullington(
        n: Int, stepKm s: Double, hts: Double, hrs: Double, height: (Int) -> Double
    ) -> Double {
        let luc = uncorrectedBullington(n: n, stepKm: s, hts: hts, hrs: hrs, height: height)
        return luc + (1 - exp(-luc / 6)) * (10 + 0.02 * Double(n) * s)
    }

    /// Bullington's knife-edge loss Luc before the correction term.
    func uncorrectedBullington(
        n: Int, stepKm s: Double, hts: Double, hrs: Double, height: (Int) -> Double
    ) -> Double {
        let d = Double(n) * s, ce = 500 / earthRadiusKm
        var stim = -Double.infinity
        for i in 1..<n {
            let di = Double(i) * s
            stim = max(stim, (height(i) + ce * di * (d - di) - hts) / di)
        }
        let str = (hrs - hts) / d
        if stim < str {
            // Line of sight: the point that most intrudes into the first Fresnel zone.
            var nuMax = -Double.infinity
            for i in 1..<n {
                let di = Double(i) * s, dr = d - di
                let clearance = height(i) + ce * di * dr - (hts * dr + hrs * di) / d
                nuMax = max(nuMax, clearance * (0.002 * d / (wavelength * di * dr)).squareRoot())
            }
            return Diffraction.knifeEdge(nuMax)
        }
        var srim = -Double.infinity
        for i in 1..<n {
            let di = Double(i) * s
            srim = max(srim, (height(i) + ce * di * (d - di) - hrs) / (d - di))
        }
        let dbp = (hrs - hts + srim * d) / (stim + srim)
        let nub =
            (hts + stim * dbp - (hts * (d - dbp) + hrs * dbp) / d)
            * (0.002 * d / (wavelength * dbp * (d - dbp))).squareRoot()
        return Diffraction.knifeEdge(nub)
    }

    /// Spherical-Earth diffraction loss (P.452-17 §4.2.2, from P.526-15 §3.2) between antennas `hte` and `hre` metres
    /// above a smooth Earth, `distanceKm` apart: the first-term residue series beyond the horizon; within it, that
    /// series on a modified Earth radius scaled by the missing clearance of the path's lowest point.
    func sphericalEarth(distanceKm d: Double, hte: Double, hre: Double) -> Double {
        let ae = earthRadiusKm
        let dlos = (2 * ae).squareRoot() * ((0.001 * hte).squareRoot() + (0.001 * hre).squareRoot())
        if d >= dlos { return firstTerm(radiusKm: ae, distanceKm: d, hte: hte, hre: hre) }
        let c = (hte - hre) / (hte + hre), m = 250 * d * d / (ae * (hte + hre))
        let b: Double
        if m < 1e-9 {
            b = c
        } else {
            let arg = min(max(1.5 * c * (3 * m / pow(m + 1, 3)).squareRoot(), -1), 1)
            b = 2 * ((m + 1) / (3 * m)).squareRoot() * cos(Double.pi / 3 + acos(arg) / 3)
        }
        let dse1 = d / 2 * (1 + b), dse2 = d - dse1
        let hse = ((hte - 500 * dse1 * dse1 / ae) * dse2 + (hre - 500 * dse2 * dse2 / ae) * dse1) / d
        let hreq = 17.456 * (dse1 * dse2 * wavelength / d).squareRoot()
        if hse > hreq { return 0 }
        let aem = 500 * pow(d / (hte.squareRoot() + hre.squareRoot()), 2)
        let adft = firstTerm(radiusKm: aem, distanceKm: d, hte: hte, hre: hre)
        return adft < 0 ? 0 : (1 - hse / hreq) * adft
    }

    /// The first-term spherical-Earth loss (P.452-17 §4.2.2.1) over land (εr = 22, σ = 0.003 S/m), vertical
    /// polarization. Every radius-dependent factor of the Recommendation is a power of ae^(−1/3), so one cube root
    /// per call suffices; the rest is `GroundConstants`.
    func firstTerm(radiusKm ae: Double, distanceKm d: Double, hte: Double, hre: Double) -> Double {
        let g0 = ground, r = cbrt(1 / ae)
        let k = g0.khUnitRadius * r * g0.kOverKh
        let k2 = k * k, k4 = k2 * k2
        let beta = (1 + 1.6 * k2 + 0.67 * k4) / (1 + 4.5 * k2 + 1.53 * k4)
        let x = 21.88 * beta * g0.cubeRootF * r * r * d
        let yScale = 0.9575 * beta * g0.cubeRootF * g0.cubeRootF * r
        let fx = x >= 1.6 ? 11 + 10 * log10(x) - 17.6 * x : -20 * log10(x) - 5.6488 * pow(x, 1.425)
        let floor = 2 + 20 * log10(k)
        func g(_ y: Double) -> Double {
            let bb = beta * y
            let value =
                bb > 2 ? 17.6 * (bb - 1.1).squareRoot() - 5 * log10(bb - 1.1) - 8 : 20 * log10(bb + 0.1 * bb * bb * bb)
            return max(value, floor)
        }
        return -fx - g(yScale * hte) - g(yScale * hre)
    }
}

/// The factors of P.452-17 eqs. (15–16) that depend on the frequency and the ground only (land: εr = 22,
/// σ = 0.003 S/m): K_H at a unit Earth radius, K_V / K_H, and f^(1/3).
struct GroundConstants: Sendable {
    let khUnitRadius: Double, kOverKh: Double, cubeRootF: Double

    init(frequencyGHz f: Double, epsilon: Double = 22, sigma: Double = 0.003) {
        let t = 18 * sigma / f
        cubeRootF = cbrt(f)
        khUnitRadius = 0.036 / cubeRootF * pow((epsilon - 1) * (epsilon - 1) + t * t, -0.25)
        kOverKh = (epsilon * epsilon + t * t).squareRoot()
    }
}

/// The smooth surface of P.526-15 §4.5.4 under a profile: the least-squares line through the terrain, lowered under
/// the path's worst obstruction and kept no higher than the ground at either end; its heights at the two ends.
struct SmoothSurface {
    let txHeight: Double, rxHeight: Double

    init(heights: UnsafeBufferPointer<Float>, count n: Int, stepKm s: Double, hts: Double, hrs: Double) {
        let d = Double(n) * s
        var v1 = 0.0, v2 = 0.0
        for i in 1...n {
            let di = Double(i) * s, dp = Double(i - 1) * s
            let hi = Double(heights[i]), hp = Double(heights[i - 1])
            v1 += (di - dp) * (hi + hp)
            v2 += (di - dp) * (hi * (2 * di + dp) + hp * (di + 2 * dp))
        }
        let hstip = (2 * v1 * d - v2) / (d * d), hsrip = (v2 - v1 * d) / (d * d)
        var hobs = -Double.infinity, alphaT = -Double.infinity, alphaR = -Double.infinity
        for i in 1..<n {
            let di = Double(i) * s
            let h = Double(heights[i]) - (hts * (d - di) + hrs * di) / d
            hobs = max(hobs, h)
            alphaT = max(alphaT, h / di)
            alphaR = max(alphaR, h / (d - di))
        }
        var hstp = hstip, hsrp = hsrip
        if hobs > 0 {
            let gt = alphaT / (alphaT + alphaR), gr = alphaR / (alphaT + alphaR)
            hstp -= hobs * gt
            hsrp -= hobs * gr
        }
        txHeight = min(hstp, Double(heights[0]))
        rxHeight = min(hsrp, Double(heights[n]))
    }
}
