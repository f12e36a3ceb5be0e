/// A radio technology a coverage layer describes.
public enum Technology: String, Sendable, CaseIterable, Codable {
    case threeG = "3G"
    case fourG = "4G"

    /// The default "covered" threshold in dBm (DOMAIN.md): 4G RSRP ≥ −105 (Ofcom), 3G RSCP ≥ −100 (our choice).
    public var defaultThresholdDbm: Double { self == .fourG ? -105 : -100 }

}

/// The technology a statistic is computed for: 3G, 4G, or ANY (a carrier covers under ANY where it covers in 3G or 4G).
public enum TechnologyScope: String, Sendable, CaseIterable, Codable {
    case threeG = "3G"
    case fourG = "4G"
    case any = "ANY"

    /// The scope's place in `allCases`: its band in coverage_bits.tif and its index in per-scope arrays.
    public var index: Int { TechnologyScope.allCases.firstIndex(of: self)! }

    /// The scope of one technology alone.
    public init(_ technology: Technology) {
        switch technology {
        case .threeG: self = .threeG
        case .fourG: self = .fourG
        }
    }

    /// The technologies this scope combines.
    public var technologies: [Technology] {
        switch self {
        case .threeG: return [.threeG]
        case .fourG: return [.fourG]
        case .any: return [.threeG, .fourG]
        }
    }
}

/// What a coverage raster's values mean.
public enum CoverageValueKind: String, Sendable, Codable {
    /// 4G reference signal received power, dBm.
    case rsrpDbm = "rsrp_dbm"
    /// 3G received signal code power, dBm.
    case rscpDbm = "rscp_dbm"
    /// Non-zero means covered.
    case mask
}

/// What a coverage raster's nodata cells mean.
/// What a layer's unit check does when its values do not look like its declared unit.
public enum UnitCheckAction: String, Sendable, Codable {
    /// Refuse the layer (the default).
    case refuse
    /// The user vouches for the layer: warn with the same findings and go on, using the values as they are.
    case warn
}

public enum NoDataMeaning: String, Sendable, Codable {
    /// Outside the carrier's prediction: no signal (the default).
    case uncovered
    /// Not known: such cells are neither covered nor a not-spot for that carrier.
    case unknown
}
