import CovgapAnalysis
import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// What the sharing step needs from the analysis that ran before it.
public struct SharingContext {
    let config: CovgapConfig
    let grid: AnalysisGrid
    let gridCRS: SpatialReference
    let lonLatBox: Envelope
    let communes: [Commune]
    let rules: [CoverageRule]
    let statistics: [CommuneStatistics]
    /// Partial not-spots per scope, and their polygons per scope (by zone value).
    let partials: [[DeadZone]]
    let partialGeometries: [[UInt32: WKBGeometry]]
    let zoneWriter: DeadZoneWriter
    let communesPath: String
    let zonesPath: String
    let populationPath: String?
    let villages: [VillageResult]
    let tileSize: Int
    let threads: Int

    /// Memberwise: every stored property, in declaration order.
    public init(
        config: CovgapConfig, grid: AnalysisGrid, gridCRS: SpatialReference, lonLatBox: Envelope, communes: [Commune],
        rules: [CoverageRule], statistics: [CommuneStatistics], partials: [[DeadZone]],
        partialGeometries: [[UInt32: WKBGeometry]], zoneWriter: DeadZoneWriter, communesPath: String, zonesPath: String,
        populationPath: String?, villages: [VillageResult], tileSize: Int, threads: Int
    ) {
        self.config = config
        self.grid = grid
        self.gridCRS = gridCRS
        self.lonLatBox = lonLatBox
        self.communes = communes
        self.rules = rules
        self.statistics = statistics
        self.partials = partials
        self.partialGeometries = partialGeometries
        self.zoneWriter = zoneWriter
        self.communesPath = communesPath
        self.zonesPath = zonesPath
        self.populationPath = populationPath
        self.villages = villages
        self.tileSize = tileSize
        self.threads = threads
    }
}

/// Infrastructure sharing and undergrounding (dùng chung hạ tầng, ngầm hóa): partial not-spots with remedies,
/// co-location clusters, new shared masts for dead zones, undergrounding corridors.
public struct SharingRun {
    let context: SharingContext
    let logger: Logger

    private var carriers: [String] { context.config.carriers }
    private var scopes: CarrierScopes { CarrierScopes(rules: context.rules) }

    /// Runs every part the config asks for, writing into `staging`; returns the totals and the partial-zone writer (for
    /// the GeoPackage), each nil when the config asks for nothing of it.
    public func run(staging: OutputStaging) throws -> (SharingReportData?, PartialNotspotWriter?) {
        let c = context
        let sharing = c.config.sharing
        guard
            sharing.partial.enabled || c.config.sites != nil || sharing.sharedSites != nil
                || sharing.undergrounding != nil
        else {
            return (nil, nil)
        }
        var summary = SharingSummary()
        var clock = StepClock()
        defer {
            logger.debug(
                "sharing steps (s): \(clock.summary)"
            )
        }
        let frame = try MetricFrame(gridCRS: c.gridCRS, lonLatBox: c.lonLatBox)
        let locator = try CommuneLocator(grid: c.grid, gridCRS: c.gridCRS, communesPath: c.communesPath)
        let sites = try c.config.sites.map { try loadSites($0) } ?? []
        summary.sites = sites.count
        let terrain = try c.config.sharing.terrain.map { try warpDEM($0, staging: staging) }
        clock.mark("dem")

        let partialWriter = try partialNotspots(
            sites: sites, frame: frame, terrain: terrain, summary: &summary, clock: &clock, staging: staging)
        clock.mark("partial_geojson")
        let writers = SharingWriters(communes: c.communes, carriers: carriers)
        if !sites.isEmpty {
            try colocationClusters(
                sites: sites, frame: frame, locator: locator, writers: writers, summary: &summary, clock: &clock,
                staging: staging)
        }
        clock.mark("cluster_files")
        var report = SharingReportData(summary: summary)
        if let settings = c.config.sharing.sharedSites {
            (report.summary.sharedSites, report.masts) = try placeMasts(
                settings, terrain: terrain, locator: locator, writers: writers, staging: staging)
            clock.mark("masts")
        }
        if let input = c.config.sharing.undergrounding {
            (report.summary.undergrounding, report.corridors) = try underground(
                input, frame: frame, locator: locator, writers: writers,
                staging: staging)
            clock.mark("undergrounding")
        }
        return (report, partialWriter)
    }

    /// Partial not-spots with a remedy per missing carrier (when the run has sites), counted and written as GeoJSON;
    /// nil when the config turns them off.
    private func partialNotspots(
        sites: [Site], frame: MetricFrame, terrain: TerrainDEM?, summary: inout SharingSummary,
        clock: inout StepClock, staging: OutputStaging
    ) throws -> PartialNotspotWriter? {
        let c = context, partial = c.config.sharing.partial
        var remedies: [[PartialRemedy?]]?
        let allPartials = c.partials.flatMap { $0 }
        if c.config.sites != nil, partial.enabled {
            var model = PropagationModel()
            model.environment = c.config.sharing.sharedSites?.environment ?? .rural
            var thresholds: [Int: [Technology: Double]] = [:]
            for r in c.rules { thresholds[r.carrierIndex, default: [:]][r.technology] = r.thresholdDbm }
            var finder = PartialRemedies(
                sites: sites, carriers: carriers, scopes: scopes, thresholds: thresholds, model: model,
                radiusMetres: partial.colocateRadiusKm * 1000, frame: frame)
            if let terrain, let input = c.config.sharing.terrain {
                finder.terrain = try TerrainLevel(dem: terrain, input: input)
            }
            clock.mark("sites")
            remedies = try finder.remedies(for: allPartials, geometries: c.partialGeometries)
            clock.mark("remedies")
            for row in remedies! { for r in row.compactMap({ $0 }) { summary.remedies[r.action, default: 0] += 1 } }
        }
        guard partial.enabled else { return nil }
        for (s, scope) in TechnologyScope.allCases.enumerated() where scopes.layerBits[s] != 0 {
            summary.partialNotspots[scope.rawValue] = c.partials[s].count
        }
        let writer = PartialNotspotWriter(
            zones: allPartials, remedies: remedies, geometries: c.partialGeometries, sites: sites, base: c.zoneWriter,
            scopes: scopes)
        try writer.writeGeoJSON(to: staging.file("partial_notspots.geojson"), threads: c.threads)
        return writer
    }

    /// Co-location clusters of the inventory's sites (ward and other distances, complete linkage), counted and written.
    private func colocationClusters(
        sites: [Site], frame: MetricFrame, locator: CommuneLocator, writers: SharingWriters,
        summary: inout SharingSummary, clock: inout StepClock, staging: OutputStaging
    ) throws {
        let c = context
        let positions = sites.map { frame.project(lon: $0.lon, lat: $0.lat) }
        let communeOf = try sites.map { try locator.commune(lon: $0.lon, lat: $0.lat) }
        summary.sitesOutside = communeOf.filter { $0 == nil }.count
        if summary.sitesOutside > 0 {
            let outside = "\(summary.sitesOutside) site(s) lie outside every selected commune"
            logger.warning("\(c.config.sites!.path): \(outside) and are left out of co-location clusters")
        }
        let wards = Set(c.communes.filter { $0.kind == .ward }.map(\.id))
        let clusters = ColocationClusterer(settings: c.config.sharing.colocation)
            .clusters(
                sites: sites, positions: positions, communes: communeOf, wards: wards,
                lonLat: { (sites[$0].lon, sites[$0].lat) })
        clock.mark("clusters")
        summary.colocationClusters = clusters.count
        summary.sitesInClusters = clusters.reduce(0) { $0 + $1.members.count }
        try writers.writeClusters(
            clusters, sites: sites, settings: c.config.sharing.colocation,
            csv: staging.file("colocation_clusters.csv"), geojson: staging.file("colocation_clusters.geojson"))
    }

    private func loadSites(_ input: SiteInventoryInput) throws -> [Site] {
        let sites = try SiteLoader.load(input)
        let unknown = Set(sites.map(\.carrier)).subtracting(carriers)
        if !unknown.isEmpty {
            let names = unknown.sorted().joined(separator: ", ")
            let message =
                "\(input.path): carrier(s) \(names) have sites but no coverage layer; their sites count in "
                + "co-location clusters only"
            logger.warning("\(message)")
        }
        return sites
    }

    /// Refuses a lon/lat grid for a step that measures in metres on an equal-area grid.
    private func requireProjectedGrid(key: String, for step: String) throws {
        let c = context
        guard !c.grid.isGeographic else {
            throw InputError(
                file: c.config.configPath, location: "key '\(key)'",
                problem: "\(step) needs a projected equal-area grid; this grid is lon/lat",
                hint: "set grid.crs: auto (Albers equal-area) for runs that place masts or use terrain")
        }
    }

    /// The DEM warped onto the grid, padded by the farthest any terrain check reaches beyond it.
    private func warpDEM(_ input: TerrainInput, staging: OutputStaging) throws -> TerrainDEM {
        let c = context
        try requireProjectedGrid(key: "sharing.terrain", for: "planning over terrain")
        let pad = max(
            input.rangeKm * 1000 + (c.config.sharing.sharedSites?.latticeMetres ?? 0),
            c.config.sharing.partial.colocateRadiusKm * 1000)
        let dem = try TerrainDEM.warp(
            input.demPath, onto: c.grid, srs: c.gridCRS, rangeMetres: pad, threads: c.threads,
            scratch: staging.scratchFile("dem.tif"))
        if dem.voidCells > 0 {
            logger.info("filled \(dem.voidCells) void cells of the DEM around the area before warping it")
        }
        return dem
    }

    private func placeMasts(
        _ settings: SharedSiteSettings, terrain: TerrainDEM?, locator: CommuneLocator, writers: SharingWriters,
        staging: OutputStaging
    ) throws -> (SharedSiteTotals, [[String]]) {
        let c = context
        try requireProjectedGrid(key: "sharing.shared_sites", for: "shared-mast placement")
        let s = TechnologyScope(settings.technology).index
        let factor = DemandGrid.factor(grid: c.grid, demandCellMetres: settings.demandCellMetres)
        let demand = try DemandGrid.build(
            grid: c.grid, tileSize: c.tileSize, zonesPath: c.zonesPath, band: s + 1,
            populationPath: c.populationPath, factor: factor, threads: c.threads)
        let thresholds = c.rules.filter { $0.technology == settings.technology }.map(\.thresholdDbm)
        var planner = SharedSitePlanner(
            settings: settings, grid: c.grid, configPath: c.config.configPath, thresholdDbm: thresholds.max()!)
        planner.access = try settings.access.map { try AccessLines($0, gridCRS: c.gridCRS) }
        if let dem = terrain, let input = c.config.sharing.terrain {
            planner.terrain = (dem, input)
        } else {
            logger.info("shared masts: no sharing.terrain DEM, so each mast covers a disc; terrain is not modelled")
        }
        let toGrid = try CoordinateTransform(from: .wgs84(), to: c.gridCRS)
        let white = c.villages.filter { $0.classes[s] == .white }.compactMap {
            toGrid.transform(x: $0.village.lon, y: $0.village.lat)
        }
        let started = Date()
        let plan = try planner.plan(
            demand: demand, hasPopulation: c.populationPath != nil, villages: white, gridCRS: c.gridCRS,
            locator: locator, threads: c.threads)
        let seconds = Date().timeIntervalSince(started)
        let served = carriers.indices.filter { scopes.has(carrier: $0, scope: s) }.map { carriers[$0] }
        let rows = try writers.writeMasts(
            plan, carriersServed: served, heightMetres: settings.heightMetres,
            csv: staging.file("shared_sites.csv"), geojson: staging.file("shared_sites.geojson"))
        let effort = "\(plan.evaluations) gain evaluations in \(String(format: "%.2f", seconds)) s"
        let placed = "\(plan.masts.count) placed from \(plan.candidates) candidates"
        logger.info("shared masts: \(placed) with \(effort) (stopped: \(plan.stopReason.rawValue))")
        let people = Double(plan.deadZonePeople) / CommuneTally.populationScale,
            covered = Double(plan.coveredPeople) / CommuneTally.populationScale
        var totals = SharedSiteTotals(
            technology: settings.technology.rawValue, masts: plan.masts.count, radiusKm: plan.radiusKm,
            radiusSource: plan.radiusSource, objective: plan.objective, deadZonePeople: people.rounded(),
            peopleCoveredByMasts: covered.rounded(), peopleLeftInDeadZones: (people - covered).rounded(),
            deadZoneKm2: Double(plan.deadZoneArea) / CommuneTally.areaScale / 1e6,
            km2CoveredByMasts: Double(plan.coveredArea) / CommuneTally.areaScale / 1e6, stopReason: plan.stopReason,
            candidates: plan.candidates, evaluations: plan.evaluations, demandCellMetres: plan.demandCellMetres,
            placementSeconds: seconds)
        let scale = CommuneTally.populationScale
        totals.discPlan = plan.discPlan.map {
            DiscPlanCheck(
                masts: $0.masts, radiusKm: $0.radiusKm, claimedPeople: (Double($0.claimed) / scale).rounded(),
                reachedOverTerrainPeople: (Double($0.reached) / scale).rounded())
        }
        return (totals, rows)
    }

    private func underground(
        _ input: UndergroundingInput, frame: MetricFrame, locator: CommuneLocator, writers: SharingWriters,
        staging: OutputStaging
    ) throws -> (UndergroundingTotals, [[String]]) {
        let c = context
        let segments = try CableLoader.load(input, frame: frame)
        let communeOf = try segments.map { s -> Int? in
            guard let p = s.lonLat.centroid else { return nil }
            return try locator.commune(lon: p.x, lat: p.y)
        }
        // People per km² of each commune, from the statistics (the ANY rows, else the first scope's).
        var density: [Int: Double] = [:]
        let preferred = c.statistics.contains { $0.scope == .any } ? TechnologyScope.any : c.statistics.first?.scope
        for r in c.statistics where r.scope == preferred && r.areaKm2 > 0 {
            density[r.commune.id] = r.population / r.areaKm2
        }
        let scorer = UndergroundingScorer(input: input, communes: c.communes, density: density)
        let assessments = scorer.assess(segments, communeOf: communeOf)
        let corridors = scorer.corridors(segments, assessments)
        let rows = try writers.writeCorridors(
            corridors, segments: segments, scorer: scorer, csv: staging.file("underground_candidates.csv"),
            geojson: staging.file("underground_candidates.geojson"))
        try writers.writeKmByCommune(
            segments: segments, communeOf: communeOf, assessments: assessments,
            to: staging.file("underground_km_by_commune.csv"))
        let outside = communeOf.filter { $0 == nil }.count
        if outside > 0 {
            logger.warning(
                "\(input.path): \(outside) cable segment(s) lie outside every selected commune and are left out")
        }
        let inside = segments.indices.filter { communeOf[$0] != nil }
        return (
            UndergroundingTotals(
                segments: segments.count,
                aerialKm: inside.filter { segments[$0].placement == .aerial }.reduce(0) {
                    $0 + segments[$1].lengthMetres
                } / 1000,
                undergroundKm: inside.filter { segments[$0].placement == .underground }.reduce(0) {
                    $0 + segments[$1].lengthMetres
                } / 1000,
                candidateKm: assessments.filter(\.isCandidate).reduce(0) { $0 + segments[$1.segment].lengthMetres }
                    / 1000,
                corridors: corridors.count, segmentsOutside: outside), rows
        )
    }

    /// Memberwise: every stored property, in declaration order.
    public init(context: SharingContext, logger: Logger) {
        self.context = context
        self.logger = logger
    }
}
