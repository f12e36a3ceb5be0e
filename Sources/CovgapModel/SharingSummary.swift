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

    /// Memberwise: every stored property, in declaration order.
    public init(
        partialNotspots: [String: Int] = [:], remedies: [String: Int] = [:], sharedSites: SharedSiteTotals? = nil,
        undergrounding: UndergroundingTotals? = nil
    ) {
        self.partialNotspots = partialNotspots
        self.remedies = remedies
        self.sharedSites = sharedSites
        self.undergrounding = undergrounding
    }
}

/// Where a shared mast's footprint came from: a disc of the config's `radius_km` or of the Hata model's reach (terrain
/// not modelled), or the terrain model over the DEM out to the modelled range.
public enum RadiusSource: String, Sendable, Codable {
    case config, model, terrain

    /// Whether the footprint follows the terrain.
    public var followsTerrain: Bool { self == .terrain }
}

/// Why the greedy stopped placing masts.
public enum PlacementStop: String, Sendable, Codable {
    /// The technology has no dead zones to serve.
    case noDeadZones = "no_dead_zones"
    /// `max_sites` masts were placed.
    case maxSites = "max_sites"
    /// `target_share` of the dead-zone demand is covered.
    case targetShare = "target_share"
    /// The next mast would add fewer than `min_people` (or its area).
    case minPeople = "min_people"
}

/// The shared-mast placement in totals: people in the technology's dead zones before and after the proposed masts.
public struct SharedSiteTotals: Sendable, Codable {
    public var technology: String
    public var masts: Int
    public var radiusKm: Double
    public var radiusSource: RadiusSource
    public var objective: String
    public var deadZonePeople: Double
    public var peopleCoveredByMasts: Double
    public var peopleLeftInDeadZones: Double
    public var deadZoneKm2: Double
    public var km2CoveredByMasts: Double
    public var stopReason: PlacementStop
    public var candidates: Int
    public var evaluations: Int
    public var demandCellMetres: Double
    /// Wall time of the placement itself (candidates, greedy, replay), for the benchmark.
    public var placementSeconds: Double
    /// Over terrain: the disc plan made beside it, and how much of what it claims the terrain model reaches.
    public var discPlan: DiscPlanCheck? = nil

    /// Memberwise: every stored property, in declaration order.
    public init(
        technology: String, masts: Int, radiusKm: Double, radiusSource: RadiusSource, objective: String,
        deadZonePeople: Double, peopleCoveredByMasts: Double, peopleLeftInDeadZones: Double, deadZoneKm2: Double,
        km2CoveredByMasts: Double, stopReason: PlacementStop, candidates: Int, evaluations: Int,
        demandCellMetres: Double,
        placementSeconds: Double
    ) {
        self.technology = technology
        self.masts = masts
        self.radiusKm = radiusKm
        self.radiusSource = radiusSource
        self.objective = objective
        self.deadZonePeople = deadZonePeople
        self.peopleCoveredByMasts = peopleCoveredByMasts
        self.peopleLeftInDeadZones = peopleLeftInDeadZones
        self.deadZoneKm2 = deadZoneKm2
        self.km2CoveredByMasts = km2CoveredByMasts
        self.stopReason = stopReason
        self.candidates = candidates
        self.evaluations = evaluations
        self.demandCellMetres = demandCellMetres
        self.placementSeconds = placementSeconds
    }
}

/// The plan a disc footprint (terrain not modelled) would have made, weighed by the terrain model: the people its
/// masts claim and those the same masts reach over the terrain.
public struct DiscPlanCheck: Sendable, Codable {
    public var masts: Int
    public var radiusKm: Double
    public var claimedPeople: Double
    public var reachedOverTerrainPeople: Double

    /// The share of the claimed people the terrain model does not reach (0 when nothing is claimed).
    public var notReachedShare: Double {
        claimedPeople > 0 ? (claimedPeople - reachedOverTerrainPeople) / claimedPeople : 0
    }

    /// Memberwise: every stored property, in declaration order.
    public init(masts: Int, radiusKm: Double, claimedPeople: Double, reachedOverTerrainPeople: Double) {
        self.masts = masts
        self.radiusKm = radiusKm
        self.claimedPeople = claimedPeople
        self.reachedOverTerrainPeople = reachedOverTerrainPeople
    }
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

    /// Memberwise: every stored property, in declaration order.
    public init(
        segments: Int, aerialKm: Double, undergroundKm: Double, candidateKm: Double, corridors: Int,
        segmentsOutside: Int
    ) {
        self.segments = segments
        self.aerialKm = aerialKm
        self.undergroundKm = undergroundKm
        self.candidateKm = candidateKm
        self.corridors = corridors
        self.segmentsOutside = segmentsOutside
    }
}
