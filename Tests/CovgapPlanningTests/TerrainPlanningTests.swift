import CovgapTestSupport
import Foundation
import GDALBridge
import Testing

@testable import CovgapGrid
@testable import CovgapModel
@testable import CovgapPlanning

/// Masts planned over terrain: a footprint ends where the terrain blocks the signal, not at a disc, and a candidate
/// stands on the high ground near its lattice point.
@Suite struct TerrainPlanningTests {
    /// A 12 × 6 km area of 100 m cells: flat ground at 100 m, with (when `ridge`) a 700 m wall 6 km from the west
    /// edge, running north–south through the whole area, and a 160 m knoll at cell (row 20, column 27).
    static func terrain(_ f: Fixture, ridge: Bool) throws -> (TerrainDEM, AnalysisGrid) {
        let (columns, rows) = (120, 60)
        let heights = (0..<(columns * rows)).map { i -> Float in
            if ridge && i % columns == 60 { return 700 }
            return i == 20 * columns + 27 ? 160 : 100
        }
        let source = try f.raster("dem.tif", columns: columns, rows: rows, values: heights)
        let srs = try SpatialReference(userInput: Fixture.crs)
        let grid = AnalysisGrid(
            crsWKT: srs.wkt,
            geoTransform: GeoTransform(
                originX: Fixture.x0, pixelWidth: 100, originY: Fixture.y0 + 6000, pixelHeight: -100),
            width: columns, height: rows, cellArea: .constant(10_000), resolutionMetres: 100)
        let dem = try TerrainDEM.warp(source, onto: grid, srs: srs, rangeMetres: 3000, scratch: f.path("warped.tif"))
        return (dem, grid)
    }

    /// Dead-zone demand: a 5 × 5 block of cells centred 4.5 km from the west edge (A) and one at 7.5 km (B).
    static func demand(_ grid: AnalysisGrid) -> (DemandGrid, a: Set<Int>, b: Set<Int>) {
        var area = [Int64](repeating: 0, count: grid.width * grid.height)
        var a: Set<Int> = [], b: Set<Int> = []
        for r in 28...32 {
            for c in 43...47 { a.insert(r * grid.width + c) }
            for c in 73...77 { b.insert(r * grid.width + c) }
        }
        for i in a.union(b) { area[i] = 10_000_000 }
        let gt = grid.geoTransform
        return (
            DemandGrid(
                factor: 1, width: grid.width, height: grid.height, originX: gt.originX, originY: gt.originY,
                cellX: 100, cellY: -100, people: area, area: area), a, b
        )
    }

    /// Plans masts over the wall on a 2 km lattice with blocks A (250 people) and B (200 people), through
    /// `access` when given.
    static func planOverTheWall(_ f: Fixture, access: AccessInput? = nil) throws -> SharedSitePlan {
        let (dem, grid) = try TerrainPlanningTests.terrain(f, ridge: true)
        var (demand, a, b) = TerrainPlanningTests.demand(grid)
        for i in a { demand.people[i] = 10_000_000 }
        for i in b { demand.people[i] = 8_000_000 }
        let communes = try f.raster(
            "communes.tif", columns: grid.width, rows: grid.height,
            values: [UInt32](repeating: 1, count: grid.width * grid.height))
        let srs = try SpatialReference(userInput: Fixture.crs)
        let settings = SharedSiteSettings(
            technology: .fourG, latticeMetres: 2000, heightMetres: 30, radiusKm: nil, environment: .rural,
            minPeople: 50, targetShare: 1, maxSites: 5, demandCellMetres: nil)
        var planner = SharedSitePlanner(settings: settings, grid: grid, configPath: "test", thresholdDbm: -105)
        planner.terrain = (dem, TerrainInput(demPath: "dem.tif", rangeKm: 5))
        planner.access = try access.map { try AccessLines($0, gridCRS: srs) }
        return try planner.plan(
            demand: demand, hasPopulation: true, villages: [], gridCRS: srs,
            locator: CommuneLocator(grid: grid, gridCRS: srs, communesPath: communes), threads: 2)
    }

    static let radio = MastRadio(
        eirpDbm: 27, frequencyMHz: 1800, heightMetres: 30, thresholdDbm: -105, mobileHeightMetres: 1.5,
        kFactor: 4.0 / 3.0, rangeMetres: 5000, searchMetres: 0)

    /// From block A, 3 km of flat ground reach block B (free space 107.1 dB at 3 km, far inside the 132 dB budget);
    /// with the 700 m wall between them, B lies 600 m below the line from the mast over the wall's top, a knife-edge
    /// loss of over 40 dB on top, so the footprint ends at the wall. A 4.42 km disc would take both.
    @Test func aRidgeEndsTheFootprint() throws {
        let f = try Fixture()
        for ridge in [false, true] {
            let (dem, grid) = try TerrainPlanningTests.terrain(f, ridge: ridge)
            let (demand, a, b) = TerrainPlanningTests.demand(grid)
            let band = try RasterDataset.open(dem.path).band(1)
            let mast = (x: Fixture.x0 + 4550, y: Fixture.y0 + 6000 - 3050)
            let footprint = try TerrainFootprints.footprint(
                at: mast, demand: demand, dem: dem, band: band, radio: TerrainPlanningTests.radio)
            let covered = Set(footprint.cells.map(Int.init))
            #expect(covered.isSuperset(of: a), "ridge \(ridge)")
            #expect(ridge ? covered.isDisjoint(with: b) : covered.isSuperset(of: b), "ridge \(ridge)")
            #expect(footprint.position == mast && footprint.groundMetres == 100)
        }
    }

    /// A lattice point 300 m from the knoll moves onto it when the search reaches it, and stays otherwise.
    @Test func aCandidateStandsOnTheHighGroundNearIt() throws {
        let f = try Fixture()
        let (dem, _) = try TerrainPlanningTests.terrain(f, ridge: false)
        let band = try RasterDataset.open(dem.path).band(1)
        let knoll = (x: Fixture.x0 + 2750, y: Fixture.y0 + 6000 - 2050)
        let point = (x: knoll.x + 300, y: knoll.y)
        let ground = try dem.heights(
            minX: point.x - 1000, minY: point.y - 1000, maxX: point.x + 1000, maxY: point.y + 1000, band: band)
        let (moved, height) = TerrainFootprints.highGround(near: point, within: 400, ground: ground)
        #expect(moved == knoll && height == 160)
        let (stayed, flat) = TerrainFootprints.highGround(near: point, within: 200, ground: ground)
        #expect(flat == 100 && stayed == point)
    }

    /// The whole planner over the wall, on a 2 km lattice whose columns fall 4, 6 and 8 km from the west edge: the
    /// terrain plan moves the middle point onto the wall's top (within half a spacing), whence one mast sees both
    /// blocks (250 + 200 people). The disc plan (4.42 km) covers both from its north-westernmost full-cover point,
    /// 4 km from the west edge and 2 km north, which the wall cuts off from block B: the terrain model reaches only
    /// block A's 250 of the 450 people it claims.
    @Test func theTerrainPlanClimbsTheRidgeAndWeighsTheDiscPlan() throws {
        let plan = try TerrainPlanningTests.planOverTheWall(try Fixture())
        #expect(plan.radiusSource == .terrain)
        #expect(plan.masts.count == 1 && plan.masts.first?.groundMetres == 700)
        #expect(plan.coveredPeople == 450_000_000)
        let disc = try #require(plan.discPlan)
        #expect(disc.masts == 1 && disc.claimed == 450_000_000)
        #expect(disc.reached == 250_000_000)
    }

    /// With a road along block A (4–5 km from the west edge, 3.05 km from the top), masts must stand within 1 km of
    /// it: the lattice point 950 m south of the road's west end qualifies and serves block A; the wall top, 1.05 km
    /// or more from the road's east end, does not, so block B behind the wall stays unserved.
    @Test func mastsStandNearTheGivenRoads() throws {
        let f = try Fixture()
        let y = Fixture.y0 + 3000 - 50
        let road = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6933"}},\
            "features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString",\
            "coordinates":[[\(Fixture.x0 + 4000),\(y)],[\(Fixture.x0 + 5000),\(y)]]}}]}
            """
        try road.write(toFile: f.path("road.geojson"), atomically: true, encoding: .utf8)
        let plan = try TerrainPlanningTests.planOverTheWall(
            f, access: AccessInput(path: f.path("road.geojson"), withinMetres: 1000))
        #expect(plan.coveredPeople == 250_000_000)
        for m in plan.masts {
            let along = min(max(m.x, Fixture.x0 + 4000), Fixture.x0 + 5000)
            #expect(((m.x - along) * (m.x - along) + (m.y - y) * (m.y - y)).squareRoot() <= 1000)
        }
    }

    /// Footprints are held in memory only up to a budget of cells: past it the planner refuses, naming the config and
    /// what to widen, instead of growing without bound.
    @Test func footprintsPastTheBudgetAreRefused() throws {
        let f = try Fixture()
        let (dem, grid) = try TerrainPlanningTests.terrain(f, ridge: false)
        let (demand, a, b) = TerrainPlanningTests.demand(grid)
        let lattice = [(x: Fixture.x0 + 4550, y: Fixture.y0 + 2950), (x: Fixture.x0 + 7550, y: Fixture.y0 + 2950)]
        let all = try TerrainFootprints.compute(
            lattice: lattice, demand: demand, dem: dem, radio: TerrainPlanningTests.radio, threads: 2,
            configPath: "plan.yaml")
        #expect(all.cells.map(\.count) == [a.count + b.count, a.count + b.count])
        #expect {
            try TerrainFootprints.compute(
                lattice: lattice, demand: demand, dem: dem, radio: TerrainPlanningTests.radio, threads: 2,
                configPath: "plan.yaml", budget: 60)
        } throws: { error in
            "\(error)".contains("plan.yaml") && "\(error)".contains("lattice_m")
        }
    }
}
