import CovgapTestSupport
@testable import CovgapModel
@testable import CovgapSimulate
import Foundation
import GDALBridge
import Testing

@Suite struct SimulationTests {
    /// The ring search that stops once no farther site could win gives exactly the best level over every site in reach,
    /// computed here site by site (random sites, heights and EIRPs).
    @Test func ringSearchEqualsEverySiteInReach() {
        let seed: UInt64 = 20_261_202
        var rng = Mutator(seed: seed)  // seeded: a failure is reproduced by its seed
        let model = PropagationModel()
        let shadow = ShadowingField(seed: 3, stream: "t", sigmaDb: 8, spacingMetres: 500)
        do {
            let sites: [SimulationRun.PlacedSite] = (0..<60).map { _ in
                let h = Double.random(in: 20...60, using: &rng)
                let e = Double.random(in: 20...30, using: &rng)
                let f = 1800.0
                let t = model.terms(frequencyMHz: f, baseHeightMetres: h)
                let reach =
                    min(
                        model.reachKm(eirpDbm: e, frequencyMHz: f, baseHeightMetres: h, marginDb: 24),
                        model.radioHorizonKm(baseHeightMetres: h)) * 1000
                return .init(
                    x: Double.random(in: -40_000...60_000, using: &rng),
                    y: Double.random(in: -40_000...60_000, using: &rng),
                    heightMetres: h, eirpDbm: e, frequencyMHz: f,
                    reachMetres: reach, constant: t.constant, slope: t.slope)
            }
            let layer = SimulationRun.Layer(carrier: "a", technology: .fourG, sites: sites, shadowing: shadow)
            let gt = GeoTransform(originX: 0, pixelWidth: 250, originY: 20_000, pixelHeight: -250)
            let w = PixelWindow(column: 0, row: 0, width: 80, height: 80)
            let got = SignalTile.compute(layer: layer, window: w, geoTransform: gt, model: model)
            var mismatches = 0
            for i in 0..<6400 {
                let x = (Double(i % 80) + 0.5) * 250
                let y = 20_000 - (Double(i / 80) + 0.5) * 250
                var best = -Double.infinity
                for s in sites {
                    let d = ((x - s.x) * (x - s.x) + (y - s.y) * (y - s.y)).squareRoot()
                    guard d <= s.reachMetres else { continue }
                    best = max(
                        best,
                        s.eirpDbm
                            - model.loss(
                                frequencyMHz: s.frequencyMHz, baseHeightMetres: s.heightMetres, distanceKm: d / 1000))
                }
                let level = best + shadow.value(x: x, y: y)
                let want: Int16 =
                    best.isFinite && level >= model.floorDbm ? Int16(min(level, -44).rounded()) : SignalTile.noData
                if got[i] != want { mismatches += 1 }
            }
            #expect(mismatches == 0, "seed \(seed): \(mismatches) cells differ")
        }
    }

    @Test func reachStopsAtTheRadioHorizon() {
        // 4.12 × (√30 + √1.5) = 27.61 km for a 30 m mast.
        #expect(abs(PropagationModel().radioHorizonKm(baseHeightMetres: 30) - 27.6115) < 1e-3)
    }

    /// COST-231 Hata at 1800 MHz, h_b = 30 m, h_m = 1.5 m, d = 5 km, evaluated by hand from the published formula:
    /// 46.3 + 33.9·log 1800 − 13.82·log 30 − a(1.5) + (44.9 − 6.55·log 30)·log 5 = 160.8181 dB (urban),
    /// suburban −11.9386 → 148.8795, rural (quasi-open) −26.9236 → 133.8945.
    @Test func pathLossMatchesTheFormula() {
        var m = PropagationModel()
        for (env, expected) in [
            (PropagationModel.Environment.urban, 160.8181), (.suburban, 148.8795), (.rural, 133.8945),
        ] {
            m.environment = env
            #expect(abs(m.loss(frequencyMHz: 1800, baseHeightMetres: 30, distanceKm: 5) - expected) < 1e-4, "\(env)")
        }
        // Within 50 m the distance is clamped.
        #expect(
            m.loss(frequencyMHz: 1800, baseHeightMetres: 30, distanceKm: 0.001)
                == m.loss(frequencyMHz: 1800, baseHeightMetres: 30, distanceKm: 0.05))
    }

    @Test func shadowingIsSeededAndHasTheRequestedSpread() {
        let a = ShadowingField(seed: 7, stream: "viettel/4G", sigmaDb: 8, spacingMetres: 500)
        let b = ShadowingField(seed: 7, stream: "viettel/4G", sigmaDb: 8, spacingMetres: 500)
        let c = ShadowingField(seed: 8, stream: "viettel/4G", sigmaDb: 8, spacingMetres: 500)
        #expect(a.value(x: 1234, y: 5678) == b.value(x: 1234, y: 5678))
        #expect(a.value(x: 1234, y: 5678) != c.value(x: 1234, y: 5678))
        // Lattice nodes are standard normal × σ: sample standard deviation of 4000 nodes within 5% of 8 dB.
        let v = (0..<4000).map { a.value(x: Double($0 % 80) * 500, y: Double($0 / 80) * 500) }
        let mean = v.reduce(0, +) / Double(v.count)
        let sd = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
        #expect(abs(sd - 8) < 0.4 && abs(mean) < 0.4, "sd \(sd), mean \(mean)")
    }

    /// One site at 103.02°E 21.05°N; a DEM flat at 0 m, then one whose eastern half (from 103.05°E) stands 400 m
    /// higher: the valley is unchanged, the plateau's rim facing the site sees it better than flat ground would, and
    /// the plateau behind its rim lies in the cliff's shadow.
    @Test func terrainShadowsLiftsAndKeepsBytesAcrossThreads() throws {
        let f = try Fixture()
        try "site_id,carrier,lon,lat,height_m,technologies\nS1,test,103.02,21.05,30,4G\n".write(
            toFile: f.path("sites.csv"), atomically: true, encoding: .utf8)
        let flat = [Int16](repeating: 0, count: 100 * 100)
        let hill = (0..<10_000).map { Int16($0 % 100 >= 50 ? 400 : 0) }
        try f.raster(
            "flat.tif", columns: 100, rows: 100, cell: 0.001, values: flat, crs: "EPSG:4326", originX: 103.0, topY: 21.1
        )
        try f.raster(
            "hill.tif", columns: 100, rows: 100, cell: 0.001, values: hill, crs: "EPSG:4326", originX: 103.0, topY: 21.1
        )
        var longitudes: [Double] = []
        func simulate(_ dem: String, threads: Int, into folder: String) throws -> [Int16] {
            var s = SimulationSettings(
                sitesPath: f.path("sites.csv"), outputFolder: f.path(folder),
                lonLatBox: Envelope(minX: 103.0, maxX: 103.1, minY: 21.0, maxY: 21.1))
            s.demPath = f.path(dem)
            s.threads = threads
            s.terrainTileSize = 32
            let out = try SimulationRun(settings: s, logger: .init(label: "test")).run()
            #expect(out.map { URL(fileURLWithPath: $0).lastPathComponent } == ["test_4g.tif"])
            let ds = try RasterDataset.open(out[0])
            #expect(ds.spatialReference?.isProjected == true)
            #expect(try ds.band(1).noDataValue == -32768)
            if longitudes.isEmpty, let gt = ds.geoTransform, let srs = ds.spatialReference {
                let toLonLat = try CoordinateTransform(from: srs, to: .wgs84())
                longitudes = (0..<(ds.width * ds.height)).map { i in
                    let (x, y) = gt.apply(column: Double(i % ds.width) + 0.5, row: Double(i / ds.width) + 0.5)
                    return toLonLat.transform(x: x, y: y)?.x ?? .nan
                }
            }
            return try ds.band(1).read(PixelWindow(column: 0, row: 0, width: ds.width, height: ds.height))
        }
        let flatLevels = try simulate("flat.tif", threads: 1, into: "flat1")
        _ = try simulate("flat.tif", threads: 2, into: "flat2")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: f.path("flat1/test_4g.tif")))
                == Data(contentsOf: URL(fileURLWithPath: f.path("flat2/test_4g.tif"))))
        let hillLevels = try simulate("hill.tif", threads: 2, into: "hill")
        let cells = (0..<flatLevels.count).filter { flatLevels[$0] != -32768 && hillLevels[$0] != -32768 }
        let valley = cells.filter { longitudes[$0] < 103.045 },
            rim = cells.filter { (103.051...103.053) ~= longitudes[$0] }
        let behind = cells.filter { longitudes[$0] > 103.07 }
        #expect(!valley.isEmpty && !rim.isEmpty && !behind.isEmpty)
        #expect(valley.allSatisfy { hillLevels[$0] == flatLevels[$0] }, "the valley's profiles do not change")
        #expect(rim.contains { hillLevels[$0] > flatLevels[$0] }, "the rim facing the site sees it clear")
        #expect(behind.allSatisfy { hillLevels[$0] < flatLevels[$0] }, "the plateau behind its rim is shadowed")
        // The site on a 400 m plateau (west half), stored in metres and in decimetres with GDAL's scale 0.1: the same
        // terrain (read raw, the plateau would stand 4,000 m high).
        let ridge = (0..<10_000).map { Int16($0 % 100 < 50 ? 400 : 0) }
        try f.raster(
            "ridge.tif", columns: 100, rows: 100, cell: 0.001, values: ridge, crs: "EPSG:4326", originX: 103.0,
            topY: 21.1)
        try f.raster(
            "ridge_dm.tif", columns: 100, rows: 100, cell: 0.001, values: ridge.map { $0 * 10 }, crs: "EPSG:4326",
            originX: 103.0, topY: 21.1)
        let dm = try RasterDataset.open(f.path("ridge_dm.tif"), update: true)
        try dm.band(1).setScale(0.1, offset: 0)
        try dm.flush()
        let metres = try simulate("ridge.tif", threads: 2, into: "ridge")
        let decimetres = try simulate("ridge_dm.tif", threads: 2, into: "ridge_dm")
        #expect(zip(metres, decimetres).allSatisfy { abs(Int($0) - Int($1)) <= 1 }, "a scaled DEM is read in metres")
        #expect(zip(metres, decimetres).filter { $0 != $1 }.count < 10)
    }

    /// A second carrier's site 8 km east of the area makes the DEM reach 8 km farther; the first carrier's raster keeps
    /// its bytes (the DEM is warped with exact transforms, so a height does not depend on how far the warp reaches).
    @Test func aFartherSiteLeavesTheOtherLayersBytes() throws {
        let f = try Fixture()
        let hill = (0..<10_000).map { (i: Int) -> Int16 in i % 100 >= 50 ? 400 : Int16(i / 100 * 3) }
        try f.raster(
            "hill.tif", columns: 100, rows: 100, cell: 0.001, values: hill, crs: "EPSG:4326", originX: 103.0, topY: 21.1
        )
        let near = "S1,test,103.02,21.05,30,4G\n", far = "S2,other,103.18,21.05,30,4G\n"
        var bytes: [Data] = []
        for (k, list) in [near, near + far].enumerated() {
            try ("site_id,carrier,lon,lat,height_m,technologies\n" + list).write(
                toFile: f.path("sites\(k).csv"), atomically: true, encoding: .utf8)
            var s = SimulationSettings(
                sitesPath: f.path("sites\(k).csv"), outputFolder: f.path("out\(k)"),
                lonLatBox: Envelope(minX: 103.0, maxX: 103.1, minY: 21.0, maxY: 21.1))
            s.demPath = f.path("hill.tif")
            s.threads = 2
            s.terrainTileSize = 32
            _ = try SimulationRun(settings: s, logger: .init(label: "test")).run()
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: f.path("out\(k)/test_4g.tif"))))
        }
        #expect(FileManager.default.fileExists(atPath: f.path("out1/other_4g.tif")))
        #expect(bytes[0] == bytes[1])
    }
}
