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
                let g = { (i: Int) -> Double in
                    let k = n - i
                    return (bulgeScale * Double(i * k) - (txPart * Double(k) + rxPart * Double(i))) * root[i] * root[k]
                }
                // The discrete peak lies next to the continuous one (ν is concave in θ, and i grows with θ).
                guard let centre = smoothPeakIndex(n: n, d: d, hte: hte, hre: hre, ce: ce) else {
                    return unimodalMaximum(n: n, g)
                }
                let i0 = min(max(centre - 1, 1), n - 1), i1 = min(max(centre + 2, 1), n - 1)
                var best = -Double.infinity
                for i in i0...i1 { best = max(best, g(i)) }
                return best
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

    /// The point i = n sin²θ* (rounded down) where ν over a smooth Earth peaks: with B = h_te/d, C = h_re/d and
    /// v = tan²θ, dν/dθ = c_e d cos 2θ + B/sin²θ − C/cos²θ vanishes where
    /// −C v³ + (B − c_e d − 2C) v² + (c_e d + 2B − C) v + B = 0, whose one positive root (the derivative
    /// falls from +∞ to −∞ as θ runs over (0, π/2)) Newton's method finds inside a bracket. Nil when it does
    /// not converge.
    func smoothPeakIndex(n: Int, d: Double, hte: Double, hre: Double, ce: Double) -> Int? {
        let b = hte / d, c = hre / d, cd = ce * d
        guard b > 0, c > 0 else { return nil }
        let p = { (v: Double) -> Double in ((-c * v + (b - cd - 2 * c)) * v + (cd + 2 * b - c)) * v + b }
        let dp = { (v: Double) -> Double in (-3 * c * v + 2 * (b - cd - 2 * c)) * v + (cd + 2 * b - c) }
        var lo = 0.0, hi = max(b / c, 1)
        var doublings = 0
        while p(hi) > 0 {
            guard doublings < 200 else { return nil }
            hi *= 2
            doublings += 1
        }
        var v = min(max(b / c, lo), hi)
        for _ in 0..<100 {
            let value = p(v)
            if value > 0 { lo = v } else { hi = v }
            var next = v - value / dp(v)
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - v) <= 1e-7 * max(v, 1) { return Int((Double(n) * next / (1 + next)).rounded(.down)) }
            v = next
        }
        return nil
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
