import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import CovgapTerrain
import Foundation
import GDALBridge

/// The proposed new shared masts for one technology's dead zones, in the order the greedy placed them.
public struct SharedSitePlan: Sendable {
    /// One proposed mast.
    public struct Mast: Sendable {
        public var rank: Int
        /// Grid-CRS position and lon/lat.
        public var x: Double, y: Double, lon: Double, lat: Double
        /// The commune it stands in (1-based id), nil when the lattice point is outside every commune.
        public var commune: Int?
        /// What it adds over the masts ranked before it: people (millionths), area (1/1000 m²), white villages.
        public var gainPeople: Int64, gainArea: Int64, gainVillages: Int
        public var cumulativePeople: Int64
        /// Over terrain: the ground height where it stands and its farthest covered cell (km); nil for a disc.
        public var groundMetres: Double? = nil
        public var reachKm: Double? = nil
    }

    public var technology: Technology
    public var masts: [Mast] = []
    public var radiusKm: Double
    /// `.model` (COST-231 Hata median), `.config`, or `.terrain` (footprints over the DEM, out to `radiusKm`).
    public var radiusSource: RadiusSource
    public var demandCellMetres: Double
    /// People (millionths) and area (1/1000 m²) in the technology's reported dead zones before any mast.
    public var deadZonePeople: Int64 = 0
    public var deadZoneArea: Int64 = 0
    public var coveredPeople: Int64 = 0
    public var coveredArea: Int64 = 0
    public var candidates = 0
    public var evaluations = 0
    /// Over terrain: the disc plan beside it; its people claimed and those reached over terrain (millionths).
    public var discPlan: (masts: Int, radiusKm: Double, claimed: Int64, reached: Int64)? = nil
    /// Why placement stopped: target_share, max_sites, min_people or no_dead_zones.
    public var stopReason = PlacementStop.noDeadZones
    /// Whether the greedy maximised people (a population raster is given) or area.
    public var objective = "people"
}

/// Places new shared masts over a lattice of candidate points in and around one technology's dead zones (lazy greedy).
struct SharedSitePlanner {
    let settings: SharedSiteSettings
    let grid: AnalysisGrid
    let configPath: String
    /// The strictest threshold (dBm) of the carriers with a layer in the technology: a shared mast must serve them all.
    let thresholdDbm: Double
    /// The DEM on the grid and its settings, when masts are planned over terrain.
    var terrain: (dem: TerrainDEM, input: TerrainInput)? = nil
    /// The lines masts must stand near, when given.
    var access: AccessLines? = nil

    /// The radio of a proposed mast over terrain: the technology's default EIRP and frequency at the mast height;
    /// it may move `searchMetres` to high ground (half a lattice spacing unless given).
    func radio(_ input: TerrainInput, searchMetres: Double? = nil) -> MastRadio {
        let t = settings.technology
        return MastRadio(
            eirpDbm: SiteDefaults.eirpDbm[t]!, frequencyMHz: SiteDefaults.frequencyMHz[t]!,
            heightMetres: settings.heightMetres, thresholdDbm: thresholdDbm,
            mobileHeightMetres: PropagationModel().mobileHeightMetres, kFactor: input.kFactor,
            rangeMetres: input.rangeKm * 1000, searchMetres: searchMetres ?? settings.latticeMetres / 2)
    }

    /// The covered radius in metres: configured, or where the model's median level falls to the threshold.
    func radiusMetres() -> (metres: Double, source: RadiusSource) {
        if let r = settings.radiusKm { return (r * 1000, .config) }
        var model = PropagationModel()
        model.environment = settings.environment
        let t = settings.technology
        let terms = model.terms(frequencyMHz: SiteDefaults.frequencyMHz[t]!, baseHeightMetres: settings.heightMetres)
        let km = pow(10, (SiteDefaults.eirpDbm[t]! - thresholdDbm - terms.constant) / terms.slope)
        return (max(km, model.minimumDistanceKm) * 1000, .model)
    }

    /// Lattice points (grid CRS) within one spacing, along x and y, of a demand cell that holds dead-zone area.
    func candidates(_ demand: DemandGrid) throws -> [(x: Double, y: Double)] {
        let l = settings.latticeMetres
        let e = grid.envelope
        let i0 = Int((e.minX / l).rounded(.down)) - 1, j0 = Int((e.minY / l).rounded(.down)) - 1
        let nx = Int((e.maxX / l).rounded(.up)) + 1 - i0 + 1, ny = Int((e.maxY / l).rounded(.up)) + 1 - j0 + 1
        guard nx * ny <= 100_000_000 else {
            throw InputError(
                file: configPath, location: "key 'sharing.shared_sites.lattice_m'",
                problem: "a \(Int(l)) m lattice over this grid has \(nx * ny) points, too many to weigh",
                hint: "use a wider lattice_m (e.g. 500)")
        }
        var marked = [Bool](repeating: false, count: nx * ny)
        for i in 0..<demand.height {
            for j in 0..<demand.width where demand.area[i * demand.width + j] > 0 {
                let c = demand.centre(j, i)
                let a0 = Int(((c.x - l) / l).rounded(.up)) - i0, a1 = Int(((c.x + l) / l).rounded(.down)) - i0
                let b0 = Int(((c.y - l) / l).rounded(.up)) - j0, b1 = Int(((c.y + l) / l).rounded(.down)) - j0
                for b in max(b0, 0)...min(b1, ny - 1) {
                    for a in max(a0, 0)...min(a1, nx - 1) { marked[b * nx + a] = true }
                }
            }
        }
        var out: [(x: Double, y: Double)] = []
        // North to south, west to east: the order ties are broken in.
        for b in stride(from: ny - 1, through: 0, by: -1) {
            for a in 0..<nx where marked[b * nx + a] { out.append((Double(a + i0) * l, Double(b + j0) * l)) }
        }
        return out
    }

    /// Runs the placement. `villages`: grid-CRS positions of the technology's white villages (counted, not optimised).
    func plan(
        demand: DemandGrid, hasPopulation: Bool, villages: [(x: Double, y: Double)], gridCRS: SpatialReference,
        locator: CommuneLocator, threads: Int
    ) throws -> SharedSitePlan {
        let (radius, source) = terrain.map { ($0.input.rangeKm * 1000, RadiusSource.terrain) } ?? radiusMetres()
        var plan = SharedSitePlan(
            technology: settings.technology, radiusKm: radius / 1000, radiusSource: source,
            demandCellMetres: Double(demand.factor) * grid.resolutionMetres)
        plan.objective = hasPopulation ? "people" : "area"
        plan.deadZonePeople = demand.people.reduce(0, +)
        plan.deadZoneArea = demand.area.reduce(0, +)
        guard plan.deadZoneArea > 0 else { return plan }
        var lattice = try candidates(demand)
        if let access {
            // Over terrain a point may still move half a spacing (along x and y) to high ground near a line.
            let slack = terrain == nil ? 0 : settings.latticeMetres / 2 * 2.0.squareRoot()
            lattice = lattice.filter { access.isNear(x: $0.x, y: $0.y, slack: slack) }
        }
        plan.candidates = lattice.count
        if let terrain {
            let all = try TerrainFootprints.compute(
                lattice: lattice, demand: demand, dem: terrain.dem, radio: radio(terrain.input), threads: threads,
                configPath: configPath)
            let footprints =
                access.map { a in
                    all.keeping { a.isNear(x: all.positions[$0].x, y: all.positions[$0].y) }
                } ?? all
            var placed = try place(
                footprints, positions: footprints.positions, into: plan, demand: demand, hasPopulation: hasPopulation,
                villages: villages, gridCRS: gridCRS, locator: locator, threads: threads
            ) { m, c in
                m.groundMetres = footprints.groundMetres[c]
                m.reachKm = footprints.farthestMetres[c] / 1000
            }
            placed.discPlan = try checkDiscPlan(
                lattice: lattice.filter { access?.isNear(x: $0.x, y: $0.y) ?? true }, demand: demand, terrain: terrain,
                hasPopulation: hasPopulation, villages: villages,
                gridCRS: gridCRS, locator: locator, threads: threads)
            return placed
        }
        return try place(
            DiscSets(demand: demand, positions: lattice, radius: radius), positions: lattice, into: plan,
            demand: demand, hasPopulation: hasPopulation, villages: villages, gridCRS: gridCRS, locator: locator,
            threads: threads
        ) { _, _ in }
    }

    /// The plan discs would make, and the people its masts claim that the terrain model reaches from the same places.
    private func checkDiscPlan(
        lattice: [(x: Double, y: Double)], demand: DemandGrid, terrain: (dem: TerrainDEM, input: TerrainInput),
        hasPopulation: Bool, villages: [(x: Double, y: Double)], gridCRS: SpatialReference, locator: CommuneLocator,
        threads: Int
    ) throws -> (masts: Int, radiusKm: Double, claimed: Int64, reached: Int64) {
        let (radius, source) = radiusMetres()
        let start = SharedSitePlan(
            technology: settings.technology, radiusKm: radius / 1000, radiusSource: source,
            demandCellMetres: Double(demand.factor) * grid.resolutionMetres)
        let discs = DiscSets(demand: demand, positions: lattice, radius: radius)
        let disc = try place(
            discs, positions: lattice, into: start, demand: demand, hasPopulation: hasPopulation, villages: villages,
            gridCRS: gridCRS, locator: locator, threads: threads
        ) { _, _ in }
        let fixed = radio(terrain.input, searchMetres: 0)  // the disc plan's masts stay where it put them
        let sites = disc.masts.map { (x: $0.x, y: $0.y) }
        let overTerrain = try TerrainFootprints.compute(
            lattice: sites, demand: demand, dem: terrain.dem, radio: fixed, threads: threads, configPath: configPath)
        var claimed = [Bool](repeating: false, count: demand.people.count), reached = claimed
        let picked = DiscSets(demand: demand, positions: sites, radius: radius)
        for k in sites.indices {
            picked.forEachCovered(k) { claimed[$0] = true }
            overTerrain.forEachCovered(k) { reached[$0] = true }
        }
        var claimedPeople: Int64 = 0, reachedPeople: Int64 = 0
        for i in claimed.indices where claimed[i] {
            claimedPeople += demand.people[i]
            if reached[i] { reachedPeople += demand.people[i] }
        }
        return (disc.masts.count, radius / 1000, claimedPeople, reachedPeople)
    }

    /// The lazy greedy over `sets`, and each pick replayed for what it adds in people, area and villages.
    private func place<S: CoverageSets>(
        _ sets: S, positions: [(x: Double, y: Double)], into initial: SharedSitePlan, demand: DemandGrid,
        hasPopulation: Bool, villages: [(x: Double, y: Double)], gridCRS: SpatialReference,
        locator: CommuneLocator, threads: Int, annotate: (inout SharedSitePlan.Mast, Int) -> Void
    ) throws -> SharedSitePlan {
        var plan = initial
        let weights = hasPopulation ? demand.people : demand.area
        let totalWeight = weights.reduce(0, +)
        let target = Int64((Double(totalWeight) * settings.targetShare).rounded(.up))
        let minGain = hasPopulation ? Int64((settings.minPeople * CommuneTally.populationScale).rounded()) : 1
        var covered = [Bool](repeating: false, count: weights.count)
        let (picks, evaluations) = LazyGreedy.solve(
            sets, weights: weights, covered: &covered, minGain: minGain, target: target,
            maxPicks: settings.maxSites, threads: threads)
        plan.evaluations = evaluations
        // Replay the picks for what each adds in people, area and villages.
        var villageCount: [Int: Int] = [:]
        for v in villages {
            let j = Int(((v.x - demand.originX) / demand.cellX).rounded(.down)),
                i = Int(((v.y - demand.originY) / demand.cellY).rounded(.down))
            if i >= 0, j >= 0, i < demand.height, j < demand.width {
                villageCount[i * demand.width + j, default: 0] += 1
            }
        }
        var replay = [Bool](repeating: false, count: weights.count)
        let toLonLat = try CoordinateTransform(from: gridCRS, to: .wgs84())
        var cumulative: Int64 = 0
        for (k, pick) in picks.enumerated() {
            var people: Int64 = 0, area: Int64 = 0, gained = 0
            sets.forEachCovered(pick.candidate) { i in
                guard !replay[i] else { return }
                replay[i] = true
                people += demand.people[i]; area += demand.area[i]; gained += villageCount[i] ?? 0
            }
            cumulative += people
            let p = positions[pick.candidate]
            let ll = toLonLat.transform(x: p.x, y: p.y) ?? (x: Double.nan, y: Double.nan)
            plan.masts.append(
                SharedSitePlan.Mast(
                    rank: k + 1, x: p.x, y: p.y, lon: ll.x, lat: ll.y,
                    commune: try locator.commune(x: p.x, y: p.y), gainPeople: people, gainArea: area,
                    gainVillages: gained, cumulativePeople: cumulative))
            annotate(&plan.masts[plan.masts.count - 1], pick.candidate)
            plan.coveredArea += area
        }
        plan.coveredPeople = cumulative
        let coveredWeight = hasPopulation ? plan.coveredPeople : plan.coveredArea
        plan.stopReason =
            picks.count >= settings.maxSites ? .maxSites : coveredWeight >= target ? .targetShare : .minPeople
        return plan
    }
}
