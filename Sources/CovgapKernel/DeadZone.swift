import CovgapModel

/// One zone: an 8-connected group of total-not-spot cells (a dead zone) or of partial-not-spot cells with the same
/// covering carriers, of one scope inside one commune, at least the minimum area.
public struct DeadZone: Sendable {
    public let scope: TechnologyScope
    /// The commune's 1-based id.
    public let commune: Int
    /// n in DZ-<technology>-<commune_code>-<n>: 1 for the largest zone of that commune and scope.
    public let number: Int
    /// The zone's value in the zone raster (1-based across the scope).
    public let rasterValue: UInt32
    public let piece: ZonePiece
    /// Bit c set when carrier c covers every cell of the zone: 0 for a dead zone, the covering set for a partial
    /// not-spot.
    public var coveredBy: UInt8 = 0
    /// Distance in km to the nearest cell each carrier covers in this scope; nil where it covers none.
    public var nearestKm: [Double?] = []
}

/// The two kinds of zone the kernel labels: total not-spots (no carrier) and partial not-spots (some, not all).
public enum ZoneKind: Int, Sendable, CaseIterable {
    case total = 0
    case partial = 1

    /// Bits of a label key below the commune id: the covering carriers of a partial not-spot.
    static let patternBits: UInt32 = 8

    /// The key cells of this kind carry in the labeller (cells with equal keys join one zone).
    @inline(__always)
    static func partialKey(commune: Int, covering: UInt16) -> UInt32 {
        UInt32(commune) << patternBits | UInt32(covering)
    }

    /// The most communes the partial keys can hold.
    public static let maxCommunes = 1 << 24 - 1
}
