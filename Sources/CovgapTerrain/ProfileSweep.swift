import Foundation

/// The delta-Bullington loss from a transmitter at a profile's first point to every later point of the same
/// profile, in one pass along it: the same numbers as `Diffraction.loss` for each receiver point in turn, at a
/// fraction of the cost.
///
/// What a receiver asks of the points between it and the transmitter is carried along the profile as it grows. The
/// steepest ray from the transmitter (Bullington's S_tim: its Earth-bulge term splits into a part per point and a
/// part per path) and the slope that lowers the smooth surface at the transmitter are running maxima; the
/// least-squares sums of the smooth surface (v1, v2) are running sums. The rest are questions to the upper convex
/// hull of the points, answered by bisection: S_rim is the steepest elevation a receiver sees over the points lowered
/// by the Earth's bulge, and the smooth surface's obstruction and its slope from the receiver are an extreme point and
/// a tangent of the hull of the points themselves. Only a line-of-sight path scans its points, for ν, whose weights
/// no hull carries. Bullington's construction over the smooth surface needs no scan (see `smoothBullington`).
struct ProfileSweep {
    let diffraction: Diffraction
    let stepKm: Double
    /// 1/√k for k = 1…capacity (index 0 unused).
    let inverseRoot: [Double]
    /// The hulls every profile of this sweep reuses (so a sweep serves one thread).
    private let hull: UpperHull, curvedHull: UpperHull

    /// A sweep over profiles of up to `capacity` + 1 points spaced `stepKm` apart.
    init(diffraction: Diffraction, stepKm: Double, capacity: Int) {
        self.diffraction = diffraction
        self.stepKm = stepKm
        inverseRoot = (0...max(capacity, 1)).map { $0 == 0 ? 0 : 1 / Double($0).squareRoot() }
        hull = UpperHull(capacity: capacity + 1)
        curvedHull = UpperHull(capacity: capacity + 1)
    }

    /// Writes the diffraction loss (dB) from point 0 to point j into `out[j − first]` for j in `first...last`
    /// (0 for j < 2, where there is no profile between the two ends), or only where `only[j − first]` is true.
    /// `heights` holds points 0…`last`.
    func losses(
        heights h: UnsafeBufferPointer<Float>, first: Int, last: Int, txAboveGround: Double, rxAboveGround: Double,
        into out: UnsafeMutableBufferPointer<Float>, only: UnsafeBufferPointer<Bool>? = nil
    ) {
        precondition(
            last < inverseRoot.count && last < h.count && first >= 0, "ProfileSweep: profile past its capacity")
        hull.removeAll()
        curvedHull.removeAll()
        var behind = PointsBehind(
            stepKm: stepKm, curvature: 500 / diffraction.earthRadiusKm, hts: Double(h[0]) + txAboveGround, hull: hull,
            curvedHull: curvedHull)
        for j in 0...last {
            behind.advance(to: j, heights: h)
            guard j >= first, only?[j - first] ?? true else { continue }
            out[j - first] = j < 2 ? 0 : Float(loss(to: j, behind, heights: h, rxAboveGround: rxAboveGround))
        }
    }

    /// The delta-Bullington loss (P.526-15 §4.5) from point 0 to point `n`, with `behind` holding points 1…n−1.
    private func loss(
        to n: Int, _ behind: PointsBehind, heights h: UnsafeBufferPointer<Float>, rxAboveGround: Double
    ) -> Double {
        let d = Double(n) * stepKm, ce = behind.curvature
        let hts = behind.hts, hrs = Double(h[n]) + rxAboveGround
        let chordSlope = (hrs - hts) / d
        let stim = behind.steepestCurved + ce * d
        let luc: Double
        if stim < chordSlope {
            luc = Diffraction.knifeEdge(lineOfSightNu(to: n, d: d, hts: hts, hrs: hrs, heights: h))
        } else {
            let srim = behind.curvedHull.maxElevation(fromX: d, y: hrs - ce * d * d) - ce * d
            luc = Diffraction.knifeEdge(bullingtonNu(d: d, hts: hts, hrs: hrs, stim: stim, srim: srim))
        }
        let actual = corrected(luc, d: d)
        // The smooth surface: the obstruction above the chord and its steepest slopes from either end.
        let obstruction = behind.hull.maxLinear(slope: chordSlope) - hts
        let fromTx = behind.steepest - chordSlope
        let fromRx = behind.hull.maxElevation(fromX: d, y: hrs) + chordSlope
        var hstp = (2 * behind.v1 * d - behind.v2) / (d * d), hsrp = (behind.v2 - behind.v1 * d) / (d * d)
        if obstruction > 0 {
            hstp -= obstruction * fromTx / (fromTx + fromRx)
            hsrp -= obstruction * fromRx / (fromTx + fromRx)
        }
        let hte = hts - min(hstp, Double(h[0])), hre = hrs - min(hsrp, Double(h[n]))
        let flat = corrected(smoothBullington(n: n, d: d, hte: hte, hre: hre), d: d)
        let spherical = diffraction.sphericalEarth(distanceKm: d, hte: hte, hre: hre)
        return actual + max(spherical - flat, 0)
    }

    /// The Recommendation's correction of Bullington's loss: Luc + [1 − exp(−Luc/6)](10 + 0.02 d).
    private func corrected(_ luc: Double, d: Double) -> Double { luc + (1 - exp(-luc / 6)) * (10 + 0.02 * d) }

    /// The largest ν over the points of a line-of-sight path: the point that most intrudes into the first Fresnel
    /// zone (P.526-15 eq. 34), with 1/√(d_i d_r) from the table.
    private func lineOfSightNu(
        to n: Int, d: Double, hts: Double, hrs: Double, heights h: UnsafeBufferPointer<Float>
    )
        -> Double
    {
        let bulgeScale = 500 / diffraction.earthRadiusKm * stepKm * stepKm
        let txPart = hts / Double(n), rxPart = hrs / Double(n)
        var best = -Double.infinity
        inverseRoot.withUnsafeBufferPointer { root in
            for i in 1..<n {
                let k = n - i
                let clearance =
                    Double(h[i]) + bulgeScale * Double(i * k) - (txPart * Double(k) + rxPart * Double(i))
                best = max(best, clearance * root[i] * root[k])
            }
        }
        return best * (0.002 * d / diffraction.wavelength).squareRoot() / stepKm
    }

    /// ν at the intersection of the two rays of slopes S_tim and S_rim (P.526-15 eqs. 39–40).
    func bullingtonNu(d: Double, hts: Double, hrs: Double, stim: Double, srim: Double) -> Double {
        let dbp = (hrs - hts + srim * d) / (stim + srim)
        return (hts + stim * dbp - (hts * (d - dbp) + hrs * dbp) / d)
            * (0.002 * d / (diffraction.wavelength * dbp * (d - dbp))).squareRoot()
    }
}

/// What the sweep carries along a profile about the points between the transmitter and the current receiver.
struct PointsBehind {
    let stepKm: Double
    /// c_e = 500 / a_e: the Earth's bulge is c_e d_i (d − d_i) metres.
    let curvature: Double
    /// The transmitter's antenna height above sea level.
    let hts: Double
    /// max (h_i − h_ts)/d_i, and the same less c_e d_i (S_tim without its per-path part c_e d).
    private(set) var steepest = -Double.infinity, steepestCurved = -Double.infinity
    /// The smooth surface's least-squares sums over the segments up to the receiver.
    private(set) var v1 = 0.0, v2 = 0.0
    /// The hull of the points (d_i, h_i), and of the points lowered by the bulge seen from the transmitter,
    /// (d_i, h_i − c_e d_i²); both empty at the start.
    let hull: UpperHull, curvedHull: UpperHull

    init(stepKm: Double, curvature: Double, hts: Double, hull: UpperHull, curvedHull: UpperHull) {
        self.stepKm = stepKm
        self.curvature = curvature
        self.hts = hts
        self.hull = hull
        self.curvedHull = curvedHull
    }

    /// Takes in the segment that ends at point `j` and, for a receiver there, the point before it.
    mutating func advance(to j: Int, heights h: UnsafeBufferPointer<Float>) {
        guard j >= 1 else { return }
        let di = Double(j) * stepKm, dp = Double(j - 1) * stepKm
        let hi = Double(h[j]), hp = Double(h[j - 1])
        v1 += (di - dp) * (hi + hp)
        v2 += (di - dp) * (hi * (2 * di + dp) + hp * (di + 2 * dp))
        guard j >= 2 else { return }
        steepest = max(steepest, (hp - hts) / dp)
        steepestCurved = max(steepestCurved, (hp - hts) / dp - curvature * dp)
        hull.append(x: dp, y: hp)
        curvedHull.append(x: dp, y: hp - curvature * dp * dp)
    }
}
