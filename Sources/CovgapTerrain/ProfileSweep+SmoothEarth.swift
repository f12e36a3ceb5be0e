import Foundation

/// Bullington's construction over the smooth surface of a path, without a scan of its points.
extension ProfileSweep {
    /// Bullington's uncorrected loss over a smooth Earth between antennas `hte` and `hre` metres above it.
    func smoothBullington(n: Int, d: Double, hte: Double, hre: Double) -> Double {
        let s = stepKm, ce = 500 / diffraction.earthRadiusKm
        guard hte >= 0, hre >= 0 else {
            return diffraction.uncorrectedBullington(n: n, stepKm: s, hts: hte, hrs: hre, height: { _ in 0 })
        }
        // S_tim: the largest of c_e (d − d_i) − h_te / d_i, concave in d_i, whose optimum is at √(h_te / c_e).
        let stim = nearOptimum(n: n, at: (hte / ce).squareRoot() / s) { i in
            let di = Double(i) * s
            return (ce * di * (d - di) - hte) / di
        }
        if stim < (hre - hte) / d {
            // ν = (c_e d_i d_r − (h_te d_r + h_re d_i)/d) √(0.002 d / (λ d_i d_r)), with d_i = i s, d_r = k s.
            let bulgeScale = ce * s * s, txPart = hte / Double(n), rxPart = hre / Double(n)
            let peak = inverseRoot.withUnsafeBufferPointer { root in
                unimodalMaximum(n: n) { i in
                    let k = n - i
                    return (bulgeScale * Double(i * k) - (txPart * Double(k) + rxPart * Double(i))) * root[i] * root[k]
                }
            }
            let nu = peak * (0.002 * d / diffraction.wavelength).squareRoot() / s
            return Diffraction.knifeEdge(nu)
        }
        // S_rim: the largest of c_e d_i − h_re / (d − d_i), optimum at d − d_i = √(h_re / c_e).
        let srim = nearOptimum(n: n, at: Double(n) - (hre / ce).squareRoot() / s) { i in
            let di = Double(i) * s
            return (ce * di * (d - di) - hre) / (d - di)
        }
        return Diffraction.knifeEdge(bullingtonNu(d: d, hts: hte, hrs: hre, stim: stim, srim: srim))
    }

    /// The largest of `f(i)` over i = 1…n−1 for `f` concave in i with its continuous optimum at `optimum`.
    private func nearOptimum(n: Int, at optimum: Double, _ f: (Int) -> Double) -> Double {
        let below = optimum.isFinite ? Int(min(max(optimum, 0), Double(n)).rounded(.down)) : 1
        let a = min(max(below, 1), n - 1), b = min(max(below + 1, 1), n - 1)
        return max(f(a), f(b))
    }

    /// The largest of `f(i)` over i = 1…n−1 for `f` rising then falling, by bisection on the sign of its step.
    private func unimodalMaximum(n: Int, _ f: (Int) -> Double) -> Double {
        var lo = 1, hi = n - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if f(mid) < f(mid + 1) { lo = mid + 1 } else { hi = mid }
        }
        return f(lo)
    }
}
