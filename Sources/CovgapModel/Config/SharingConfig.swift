/// A site inventory (any OGR point layer or CSV with lon/lat columns) and which of its fields hold what.
public struct SiteInventoryInput: Sendable, Codable {
    public var path: String
    public var layer: String?
    public var idField: String
    public var carrierField: String
    public var lonField: String
    public var latField: String
    public var heightField: String
    public var technologiesField: String
    /// yes/no; when the column is absent every site counts as shareable (the run warns).
    public var shareableField: String
    /// Config keys the user set explicitly (their columns must exist).
    public var explicitKeys: [String]
    /// Memberwise: every stored property, in declaration order.
    public init(
        path: String, layer: String?, idField: String, carrierField: String, lonField: String, latField: String,
        heightField: String, technologiesField: String, shareableField: String, explicitKeys: [String]
    ) {
        self.path = path
        self.layer = layer
        self.idField = idField
        self.carrierField = carrierField
        self.lonField = lonField
        self.latField = latField
        self.heightField = heightField
        self.technologiesField = technologiesField
        self.shareableField = shareableField
        self.explicitKeys = explicitKeys
    }
}

/// Partial not-spots (some carriers cover, not all) and the remedy suggested to each missing carrier.
public struct PartialNotspotSettings: Sendable, Codable {
    /// Whether they are computed at all (the config names `sharing.partial_notspots`).
    public var enabled: Bool
    /// Partial not-spots smaller than this (km²) are not reported.
    public var minAreaKm2: Double
    /// A missing carrier may co-locate on a covering carrier's shareable site at most this far from the zone.
    public var colocateRadiusKm: Double
}

/// Co-location clusters: sites of different carriers close enough to consolidate on one mast.
public struct ColocationSettings: Sendable, Codable {
    /// Every two sites of a cluster are at most this far apart when either lies in an urban ward (phường).
    public var wardDistanceMetres: Double
    /// ... and at most this far apart elsewhere.
    public var otherDistanceMetres: Double
}

/// New shared masts for total not-spots: a greedy maximum-coverage placement over a lattice of candidate points.
public struct SharedSiteSettings: Sendable, Codable {
    /// The technology whose dead zones the masts close.
    public var technology: Technology
    /// Spacing of the candidate lattice (metres, grid CRS).
    public var latticeMetres: Double
    /// Antenna height of a proposed mast.
    public var heightMetres: Double
    /// Covered radius; nil = from the propagation model (COST-231 Hata median level ≥ the threshold).
    public var radiusKm: Double?
    /// Hata environment class for the model radius and for co-location reach.
    public var environment: PropagationModel.Environment
    /// Stop when the next mast would add fewer people than this.
    public var minPeople: Double
    /// Stop when this share of the dead-zone population is covered.
    public var targetShare: Double
    /// Stop after this many masts.
    public var maxSites: Int
    /// Side of the demand cells (metres; a multiple of the grid resolution); nil = chosen to bound memory.
    public var demandCellMetres: Double?
    /// Where masts can stand: near these lines (roads, power lines); nil = anywhere on the lattice.
    public var access: AccessInput? = nil
}

/// A line layer (roads, power lines) a proposed mast must stand near, to be built and powered.
public struct AccessInput: Sendable, Codable {
    /// Any OGR line layer, any CRS.
    public var path: String
    public var layer: String?
    /// The farthest a mast may stand from the nearest line, metres.
    public var withinMetres: Double

    /// The layer at `path` with the given distance.
    public init(path: String, layer: String? = nil, withinMetres: Double = 1000) {
        self.path = path
        self.layer = layer
        self.withinMetres = withinMetres
    }
}

/// Overhead cable routes scored for undergrounding (ngầm hóa).
public struct UndergroundingInput: Sendable, Codable {
    public var path: String
    public var layer: String?
    public var ownerField: String
    public var placementField: String
    public var roadNameField: String
    public var roadClassField: String
    /// Road classes that count as main roads (national, provincial, urban main roads).
    public var mainRoadClasses: [String]
    /// Cables of different carriers within this distance share a corridor.
    public var corridorMetres: Double
    /// An existing underground duct within this distance of a segment counts for it.
    public var ductDistanceMetres: Double
}

/// Everything `analyze` does for infrastructure sharing and undergrounding (all optional but partial not-spots).
public struct SharingSettings: Sendable, Codable {
    public var partial: PartialNotspotSettings
    public var colocation: ColocationSettings
    /// nil: no shared-mast placement.
    public var sharedSites: SharedSiteSettings?
    /// nil: no undergrounding analysis.
    public var undergrounding: UndergroundingInput?
    /// nil: masts cover a disc and terrain is not modelled.
    public var terrain: TerrainInput? = nil

    /// The defaults: no partial not-spots (≥ 0.05 km², co-location within 2 km once enabled), clusters at 100 m /
    /// 300 m (made whenever a site inventory is given), nothing else.
    public static let defaults = SharingSettings(
        partial: PartialNotspotSettings(enabled: false, minAreaKm2: 0.05, colocateRadiusKm: 2),
        colocation: ColocationSettings(wardDistanceMetres: 100, otherDistanceMetres: 300),
        sharedSites: nil, undergrounding: nil)
}

/// The DEM the sharing step plans on: a proposed mast covers the demand cells where free space plus delta-Bullington
/// diffraction over the terrain leaves the level at the threshold or above.
public struct TerrainInput: Sendable, Codable {
    /// Any GDAL raster in any CRS, heights in metres above sea level after the band's scale and offset.
    public var demPath: String
    /// The effective Earth radius factor (4/3: the median atmosphere).
    public var kFactor: Double
    /// The farthest a proposed mast is modelled, km.
    public var rangeKm: Double

    /// A DEM at `demPath` with the given factor and range.
    public init(demPath: String, kFactor: Double = 4.0 / 3.0, rangeKm: Double = 15) {
        self.demPath = demPath
        self.kFactor = kFactor
        self.rangeKm = rangeKm
    }
}
