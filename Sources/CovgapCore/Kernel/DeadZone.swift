/// One dead zone: an 8-connected group of total-not-spot cells of one scope inside one commune, at least the minimum area.
public struct DeadZone: Sendable {
    public let scope: TechnologyScope
    /// The commune's 1-based id.
    public let commune: Int
    /// n in DZ-<technology>-<commune_code>-<n>: 1 for the largest zone of that commune and scope.
    public let number: Int
    /// The zone's value in the zone raster (1-based across the scope).
    public let rasterValue: UInt32
    public let piece: ZonePiece
    /// Distance in km to the nearest cell each carrier covers in this scope; nil where it covers none.
    public var nearestKm: [Double?] = []
}
