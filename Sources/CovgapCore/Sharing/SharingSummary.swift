/// What the sharing and undergrounding step found, for stdout, the manifest and the report.
public struct SharingSummary: Sendable, Codable {
    /// Partial not-spots per scope ("3G", "4G", "ANY").
    public var partialNotspots: [String: Int] = [:]
    /// Missing-carrier remedies by action (colocate, roaming); empty without a site inventory.
    public var remedies: [String: Int] = [:]
    /// Sites read from the inventory, and those outside every selected commune (left out of clusters).
    public var sites = 0
    public var sitesOutside = 0
    public var colocationClusters = 0
    public var sitesInClusters = 0
    public var sharedSites: SharedSiteTotals?
    public var undergrounding: UndergroundingTotals?
}

/// The shared-mast placement in totals: people in the technology's dead zones before and after the proposed masts.
public struct SharedSiteTotals: Sendable, Codable {
    public var technology: String
    public var masts: Int
    public var radiusKm: Double
    public var radiusSource: String
    public var objective: String
    public var deadZonePeople: Double
    public var peopleCoveredByMasts: Double
    public var peopleLeftInDeadZones: Double
    public var deadZoneKm2: Double
    public var km2CoveredByMasts: Double
    public var stopReason: String
    public var candidates: Int
    public var evaluations: Int
    public var demandCellMetres: Double
    /// Wall time of the placement itself (candidates, greedy, replay), for the benchmark.
    public var placementSeconds: Double
}

/// The undergrounding assessment in totals.
public struct UndergroundingTotals: Sendable, Codable {
    public var segments: Int
    public var aerialKm: Double
    public var undergroundKm: Double
    public var candidateKm: Double
    public var corridors: Int
    /// Segments outside every selected commune (left out).
    public var segmentsOutside: Int
}
