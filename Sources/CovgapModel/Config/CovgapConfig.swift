/// The commune boundary layer and which of its fields hold codes and names.
public struct BoundaryInput: Sendable, Codable {
    public var path: String
    public var layer: String?
    public var communeCodeField: String
    public var communeNameField: String
    public var provinceCodeField: String
    public var provinceNameField: String
    /// Province codes to keep; nil keeps all.
    public var provinces: [String]?
    /// Optional field saying what kind of unit each is: a value starting with "Phường" / "ward" is an urban ward,
    /// "Đặc khu" / "special" a special zone, anything else a rural commune (xã). nil: no commune is a ward.
    public var communeKindField: String? = nil
}

/// One carrier × technology coverage raster.
public struct CoverageInput: Sendable, Codable {
    public var carrier: String
    public var technology: Technology
    public var path: String
    public var band: Int
    public var values: CoverageValueKind
    /// Covered where value ≥ threshold (dBm kinds only).
    public var thresholdDbm: Double?
    public var noData: NoDataMeaning
    /// gdalwarp resampling for signal levels ("near" unless configured).
    public var resampling: String
    /// Refuse (default) or only warn when the values do not look like the declared unit.
    public var unitCheck: UnitCheckAction = .refuse
}

/// A population raster of counts per cell.
public struct PopulationInput: Sendable, Codable {
    public var path: String
    public var band: Int
}

/// The analysis grid: resolution and CRS ("auto" = Albers equal-area centred on the area of interest).
public struct GridSettings: Sendable, Codable {
    public var resolutionMetres: Double
    public var crs: String
    /// Side of a kernel tile in cells.
    public var tileSize: Int
    /// gdalwarp's -et: the approximate transformer's error in pixels (GDAL's default 0.125; 0 = exact, slower).
    public var warpErrorPixels: Double
    /// Refuse grids with more cells than this (protects the machine; split by province or coarsen instead).
    public var maxCells: Int
    /// How far around the communes coverage is read (km): the grid reaches this far past their bounding box, and
    /// coverage is read only in `AreaOfInterest` (every cell within this distance of a commune, and a few more).
    public var marginKm: Double

    /// 10 km: distances from a dead zone to coverage are exact up to this far, across province and national borders.
    public static let defaultMarginKm = 10.0
}

/// A village (thôn / bản) point layer and how to classify villages as white or weak.
public struct VillageInput: Sendable, Codable {
    public var path: String
    public var layer: String?
    /// Column names; optional columns are used only when present (or refused when named explicitly but missing).
    public var codeField: String
    public var nameField: String
    public var communeCodeField: String
    public var householdsField: String
    public var gridPowerField: String
    public var difficultAreaField: String
    public var lonField: String
    public var latField: String
    /// Config keys the user set explicitly (their columns must exist).
    public var explicitKeys: [String]
    /// A covered centre is "weak" when at least this share of the cells within `weakRadiusMetres` are total not-spots.
    public var weakShare: Double
    public var weakRadiusMetres: Double

    /// Memberwise: every stored property, in declaration order.
    public init(
        path: String, layer: String?, codeField: String, nameField: String, communeCodeField: String,
        householdsField: String, gridPowerField: String, difficultAreaField: String, lonField: String, latField: String,
        explicitKeys: [String], weakShare: Double, weakRadiusMetres: Double
    ) {
        self.path = path
        self.layer = layer
        self.codeField = codeField
        self.nameField = nameField
        self.communeCodeField = communeCodeField
        self.householdsField = householdsField
        self.gridPowerField = gridPowerField
        self.difficultAreaField = difficultAreaField
        self.lonField = lonField
        self.latField = latField
        self.explicitKeys = explicitKeys
        self.weakShare = weakShare
        self.weakRadiusMetres = weakRadiusMetres
    }
}

/// A fully read and checked configuration, with paths resolved against the config file's folder.
public struct CovgapConfig: Sendable, Codable {
    public var configPath: String
    public var output: String
    public var boundaries: BoundaryInput
    public var coverage: [CoverageInput]
    public var population: PopulationInput?
    public var villages: VillageInput?
    public var grid: GridSettings
    /// Dead zones smaller than this (km²) are not reported as polygons.
    public var minDeadZoneAreaKm2: Double
    /// The site inventory (towers of every carrier), or nil.
    public var sites: SiteInventoryInput? = nil
    /// Partial not-spots, co-location, shared masts and undergrounding.
    public var sharing: SharingSettings = .defaults
    /// How `covgap workorders` hands items to carriers.
    public var workOrders: WorkOrderSettings = .defaults
    /// Carrier id → the name people read in the report and on the service's pages (`carrier_names`; optional, so
    /// manifests written before it still decode).
    public var carrierNames: [String: String]? = nil

    /// The name people know carrier `id` by: the config's `carrier_names`, else the carrier's own spelling for the
    /// Vietnamese networks (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile, iTel, Reddi), else the id.
    public func displayName(_ id: String) -> String {
        carrierNames?[id] ?? CovgapConfig.knownCarrierNames[id.lowercased()] ?? id
    }

    static let knownCarrierNames = [
        "viettel": "Viettel", "vinaphone": "VinaPhone", "vnpt": "VinaPhone", "mobifone": "MobiFone",
        "vietnamobile": "Vietnamobile", "gmobile": "Gmobile", "itel": "iTel", "reddi": "Reddi",
    ]

    /// Carrier ids in the order they first appear in `coverage`.
    public var carriers: [String] {
        var seen: [String] = []
        for c in coverage where !seen.contains(c.carrier) { seen.append(c.carrier) }
        return seen
    }
}

extension CovgapConfig {
    /// The same config with `transform` applied to every file path it holds (the config's own, the output, every
    /// input): how a manifest writes them relative to its run and reads them back.
    public func mappingPaths(_ transform: (String) -> String) -> CovgapConfig {
        var c = self
        c.configPath = transform(c.configPath)
        c.output = transform(c.output)
        c.boundaries.path = transform(c.boundaries.path)
        for i in c.coverage.indices { c.coverage[i].path = transform(c.coverage[i].path) }
        if let p = c.population?.path { c.population?.path = transform(p) }
        if let p = c.villages?.path { c.villages?.path = transform(p) }
        if let p = c.sites?.path { c.sites?.path = transform(p) }
        if let p = c.sharing.undergrounding?.path { c.sharing.undergrounding?.path = transform(p) }
        if let p = c.sharing.terrain?.demPath { c.sharing.terrain?.demPath = transform(p) }
        if let p = c.sharing.sharedSites?.access?.path { c.sharing.sharedSites?.access?.path = transform(p) }
        return c
    }
}
