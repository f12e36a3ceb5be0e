import Foundation

/// Spatially correlated log-normal shadowing: standard normal values on a lattice of `spacing` metres, drawn from a
/// hash of (seed, stream, lattice cell), interpolated bilinearly and scaled to `sigmaDb`, renormalised so the field
/// keeps variance σ² between lattice points. The same seed gives the same field whatever the tiling or thread count.
public struct ShadowingField: Sendable {
    public let seed: UInt64
    public let stream: UInt64
    public let sigmaDb: Double
    public let spacingMetres: Double

    /// A field for `seed`; `stream` (e.g. carrier/technology) gives each layer its own independent field.
    public init(seed: UInt64, stream: String, sigmaDb: Double, spacingMetres: Double) {
        self.seed = seed
        var h: UInt64 = 0xcbf29ce484222325
        for b in stream.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        self.stream = h
        self.sigmaDb = sigmaDb
        self.spacingMetres = spacingMetres
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e3779b97f4a7c15
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }

    /// A standard normal value for lattice node (i, j) (Box–Muller on two hashed uniforms).
    @inline(__always)
    func node(_ i: Int64, _ j: Int64) -> Double {
        let h1 = ShadowingField.mix(
            seed
                ^ ShadowingField.mix(
                    stream
                        ^ ShadowingField.mix(
                            UInt64(bitPattern: i) ^ (UInt64(bitPattern: j) << 32 | UInt64(bitPattern: j) >> 32))))
        let h2 = ShadowingField.mix(h1)
        let u1 = (Double(h1 >> 11) + 0.5) / 9007199254740992.0, u2 = Double(h2 >> 11) / 9007199254740992.0
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Shadowing in dB at projected coordinates (x, y) in metres.
    public func value(x: Double, y: Double) -> Double {
        let gx = x / spacingMetres, gy = y / spacingMetres
        let i = Int64(gx.rounded(.down)), j = Int64(gy.rounded(.down))
        let fx = gx - Double(i), fy = gy - Double(j)
        let w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy
        let v = w00 * node(i, j) + w10 * node(i + 1, j) + w01 * node(i, j + 1) + w11 * node(i + 1, j + 1)
        let norm = (w00 * w00 + w10 * w10 + w01 * w01 + w11 * w11).squareRoot()
        return sigmaDb * v / norm
    }
}
