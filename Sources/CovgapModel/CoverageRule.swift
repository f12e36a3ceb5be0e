/// How one warped coverage layer turns a cell value into covered / not covered / unknown for its carrier.
public struct CoverageRule: Sendable {
    public let carrierIndex: Int
    public let technology: Technology
    public let values: CoverageValueKind
    public let thresholdDbm: Double
    public let noData: NoDataMeaning
    /// How the layer's stored numbers become levels (its band's scale and offset).
    public let scaling: ValueScaling

    /// A rule for carrier number `carrierIndex`; a nil threshold takes the technology's default.
    public init(
        carrierIndex: Int, technology: Technology, values: CoverageValueKind, thresholdDbm: Double?,
        noData: NoDataMeaning,
        scaling: ValueScaling = .identity
    ) {
        self.scaling = scaling
        self.carrierIndex = carrierIndex
        self.technology = technology
        self.values = values
        self.thresholdDbm = thresholdDbm ?? technology.defaultThresholdDbm
        self.noData = noData
    }

    /// Classifies a warped raw value (NaN = nodata after warping; ±inf is treated as nodata too), scaled as its band
    /// declares: covered, uncovered or, for unknown-nodata layers, unknown.
    @inline(__always)
    public func classify(_ raw: Float) -> (covered: Bool, unknown: Bool) {
        if !raw.isFinite { return (false, noData == .unknown) }
        let v = scaling.apply(Double(raw))
        switch values {
        case .mask: return (v != 0, false)
        case .rsrpDbm, .rscpDbm: return (v >= thresholdDbm, false)
        }
    }
}

/// Which carriers each scope counts: a carrier belongs to 3G/4G when it has a layer there; ANY takes all of them.
public struct CarrierScopes: Sendable {
    /// Bit c set when carrier c has a layer in the scope; indexed like `TechnologyScope.allCases`.
    public let layerBits: [UInt16]

    /// Which carriers have a layer in each scope, from the layers' rules.
    public init(rules: [CoverageRule]) {
        var bits = [UInt16](repeating: 0, count: TechnologyScope.allCases.count)
        for r in rules {
            for (s, scope) in TechnologyScope.allCases.enumerated() where scope.technologies.contains(r.technology) {
                bits[s] |= 1 << UInt16(r.carrierIndex)
            }
        }
        layerBits = bits
    }

    /// True when carrier `c` has a layer counted in scope number `s`.
    public func has(carrier c: Int, scope s: Int) -> Bool { layerBits[s] & (1 << UInt16(c)) != 0 }
}

/// The coverage-bits raster a run writes (one Byte band per scope): bit c set when carrier c covers the cell, and
/// `undetermined` alone where no carrier covers but one is unknown. Inside a commune, 0 means a total not-spot.
public enum CoverageBits {
    /// At most this many carriers fit in the bits.
    public static let maxCarriers = 7
    public static let undetermined: UInt8 = 0x80
    public static let carrierMask: UInt8 = 0x7F
}
