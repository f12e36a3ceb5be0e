import GDALBridge

/// How a band's stored numbers become the values GDAL means by them: value = raw × scale + offset (GDAL's band scale
/// and offset; tenths of dBm in Int16 declare scale 0.1). Nodata is matched on the raw number, before scaling.
public struct ValueScaling: Sendable, Equatable, Codable {
    public var scale: Double
    public var offset: Double

    /// The identity: raw numbers are the values.
    public static let identity = ValueScaling(scale: 1, offset: 0)

    /// A scaling of `scale` and `offset`.
    public init(scale: Double, offset: Double) {
        self.scale = scale
        self.offset = offset
    }

    /// The scaling `band` declares (the identity when it declares none).
    public init(_ band: RasterBand) { self.init(scale: band.scale, offset: band.offset) }

    /// True when raw numbers are the values.
    public var isIdentity: Bool { scale == 1 && offset == 0 }

    /// The value a raw number means.
    @inline(__always) public func apply(_ raw: Double) -> Double { raw * scale + offset }

    /// "× 0.1 + 0" for messages; empty for the identity.
    public var text: String { isIdentity ? "" : "scale \(scale), offset \(offset)" }
}
