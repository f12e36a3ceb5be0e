import CovgapGrid
import CovgapModel
import CovgapSupport
import CovgapTerrain
import Foundation
import GDALBridge
import Logging
import Synchronization

/// `covgap simulate`: one Int16 dBm GeoTIFF per carrier × technology (RSRP for 4G, RSCP for 3G), nodata −32768
/// beyond the model's range. Tiles run in parallel; the same seed gives byte-identical rasters whatever the thread
/// count.
public struct SimulationRun {
    public let settings: SimulationSettings
    public let logger: Logger
    /// Shows progress over tiles (silent by default).
    public let progress: ProgressMeter

    /// A simulation with `settings`, logging to `logger`.
    public init(settings: SimulationSettings, logger: Logger, progress: ProgressMeter = .silent) {
        self.settings = settings
        self.logger = logger
        self.progress = progress
    }

    /// Bumped whenever the model changes what it writes; scripts re-simulate rasters that carry an older one.
    /// 3: a site reaches no farther than its radio horizon (4.12 (√h_site + √h_mobile) km, the 4/3-Earth rule).
    public static let modelVersion = "3"
    /// The same for the terrain model (with a DEM). T1: free space + delta-Bullington over the DEM. T2: the DEM warped
    /// with exact coordinate transforms (T1's approximate ones moved heights by up to 0.125 cell). T3: the DEM's voids
    /// filled before the warp (T2 read them as sea level).
    public static let terrainModelVersion = "T3"

    /// One output layer: a carrier's sites radiating one technology.
    struct Layer: Sendable {
        let carrier: String
        let technology: Technology
        let sites: [PlacedSite]
        let shadowing: ShadowingField
        var fileName: String { "\(carrier)_\(technology.rawValue.lowercased()).tif" }
    }

    /// A site in the output CRS with its precomputed loss terms.
    struct PlacedSite: Sendable {
        let x: Double, y: Double, heightMetres: Double
        let eirpDbm: Double, frequencyMHz: Double, reachMetres: Double
        let constant: Double, slope: Double
    }

    /// Runs the simulation; returns the written raster paths.
    @discardableResult
    public func run() throws -> [String] {
        GDALRuntime.initialize()
        let s = settings
        let sites = try SiteLoader.load(s.sitesPath)
        let srs: SpatialReference
        do { srs = try SpatialReference(userInput: s.resolvedCRS) } catch {
            throw InputError(file: "--crs", problem: "'\(s.resolvedCRS)' is not a CRS GDAL knows")
        }
        guard srs.isProjected else {
            throw InputError(
                file: "--crs", problem: "simulation needs a projected CRS in metres", hint: "e.g. EPSG:32648")
        }
        let fromLonLat = try CoordinateTransform(from: .wgs84(), to: srs)
        let (width, height, gt) = try SimulationRun.outputGrid(s, fromLonLat: fromLonLat)
        let inputs =
            [OutputGuard.Input(role: "sites", path: s.sitesPath)]
            + [("boundaries", s.boundariesPath), ("DEM", s.demPath)].compactMap { role, path in
                path.map { OutputGuard.Input(role: role, path: $0) }
            }
        let staging = try OutputStaging(target: s.outputFolder, guard: OutputGuard(command: .simulate, inputs: inputs))
        do {
            let written = try simulate(
                sites, srs: srs, fromLonLat: fromLonLat, width: width, height: height, gt: gt, staging: staging)
            let model = s.demPath.map {
                TerrainSignalTile.description(s).merging(["dem": URL(fileURLWithPath: $0).lastPathComponent]) { a, _ in
                    a
                }
            }
            try staging.commitWithManifest(model: model)
            return written.map { staging.target.appendingPathComponent($0).path }
        } catch {
            throw staging.abandon(after: error)
        }
    }

    /// The output raster's grid: the lon/lat box's outline (21 points a side) in the output CRS, snapped outwards to
    /// whole cells; refuses an area of 4 billion cells or more.
    static func outputGrid(
        _ s: SimulationSettings, fromLonLat: CoordinateTransform
    ) throws -> (width: Int, height: Int, gt: GeoTransform) {
        var xs: [Double] = [], ys: [Double] = []
        for k in 0...20 {
            let f = Double(k) / 20, b = s.lonLatBox
            for (lon, lat) in [
                (b.minX + f * (b.maxX - b.minX), b.minY), (b.minX + f * (b.maxX - b.minX), b.maxY),
                (b.minX, b.minY + f * (b.maxY - b.minY)), (b.maxX, b.minY + f * (b.maxY - b.minY)),
            ] {
                xs.append(lon); ys.append(lat)
            }
        }
        fromLonLat.transform(x: &xs, y: &ys)
        let r = s.resolutionMetres
        let minX = (xs.min()! / r).rounded(.down) * r, maxX = (xs.max()! / r).rounded(.up) * r
        let minY = (ys.min()! / r).rounded(.down) * r, maxY = (ys.max()! / r).rounded(.up) * r
        let columns = ((maxX - minX) / r).rounded(), rows = ((maxY - minY) / r).rounded()
        guard columns.isFinite, rows.isFinite, columns * rows < 4e9 else {
            throw InputError(
                file: "--bbox", problem: "the area would be \(columns) × \(rows) cells at \(r) m",
                hint: "coarsen --resolution or shrink the area")
        }
        return (
            max(1, Int(columns)), max(1, Int(rows)),
            GeoTransform(originX: minX, pixelWidth: r, originY: maxY, pixelHeight: -r)
        )
    }

    /// Simulates every layer into `staging`; returns the file names written.
    private func simulate(
        _ sites: [Site], srs: SpatialReference, fromLonLat: CoordinateTransform, width: Int, height: Int,
        gt: GeoTransform, staging: OutputStaging
    ) throws -> [String] {
        let s = settings, r = s.resolutionMetres
        let grid = AnalysisGrid(
            crsWKT: srs.wkt, geoTransform: gt, width: width, height: height, cellArea: .constant(r * r),
            resolutionMetres: r)
        let layers = placeLayers(sites, fromLonLat: fromLonLat, hasDEM: s.demPath != nil)
        let dem = try s.demPath.map {
            try TerrainDEM.warp(
                $0, onto: grid, srs: srs, rangeMetres: SimulationRun.terrainPad(layers, grid: grid), threads: s.threads,
                scratch: staging.scratchFile("dem.tif"))
        }
        if let dem, dem.voidCells > 0 {
            logger.info("filled \(dem.voidCells) void cells of the DEM around the area before warping it")
        }
        let size = "\(width) × \(height) cells at \(r) m (\(s.resolvedCRS))"
        logger.info("simulating \(layers.count) layers from \(sites.count) sites on \(size)")
        let sink = try SimulationSink(
            paths: layers.map { staging.file($0.fileName) },
            quantities: layers.map { $0.technology == .fourG ? "RSRP dBm" : "RSCP dBm" },
            width: width, height: height, geoTransform: gt, crs: s.resolvedCRS, settings: s)
        try render(layers, grid: grid, dem: dem, into: sink)
        return layers.map(\.fileName)
    }

    /// One layer per carrier and technology that has sites, each site placed with its loss terms and its reach.
    private func placeLayers(_ sites: [Site], fromLonLat: CoordinateTransform, hasDEM: Bool) -> [Layer] {
        let s = settings
        var layers: [Layer] = []
        let carriers = sites.map(\.carrier).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for carrier in carriers {
            for tech in Technology.allCases {
                let placed: [PlacedSite] = sites.filter { $0.carrier == carrier && $0.technologies.contains(tech) }
                    .compactMap { site in
                        guard let p = fromLonLat.transform(x: site.lon, y: site.lat) else { return nil }
                        let eirp = site.eirpDbm[tech]!, f = site.frequencyMHz[tech]!
                        let t = s.model.terms(frequencyMHz: f, baseHeightMetres: site.heightMetres)
                        let reach = hasDEM ? terrainReach(eirpDbm: eirp, frequencyMHz: f) : hataReach(site, eirp, f)
                        return PlacedSite(
                            x: p.x, y: p.y, heightMetres: site.heightMetres,
                            eirpDbm: eirp, frequencyMHz: f, reachMetres: reach, constant: t.constant, slope: t.slope)
                    }
                guard !placed.isEmpty else { continue }
                layers.append(
                    Layer(
                        carrier: carrier, technology: tech, sites: placed,
                        shadowing: ShadowingField(
                            seed: s.seed, stream: "\(carrier)/\(tech.rawValue)",
                            sigmaDb: s.shadowingSigmaDb, spacingMetres: s.decorrelationMetres)))
            }
        }
        return layers
    }

    /// How far beyond the output grid the DEM must reach: to the farthest site outside it that still reaches it (a
    /// profile from a site to a cell stays in the box around both, so sites inside need no padding).
    static func terrainPad(_ layers: [Layer], grid: AnalysisGrid) -> Double {
        let e = grid.envelope
        var pad = 0.0
        for site in layers.flatMap(\.sites) {
            let dx = max(e.minX - site.x, 0, site.x - e.maxX), dy = max(e.minY - site.y, 0, site.y - e.maxY)
            let outside = (dx * dx + dy * dy).squareRoot()
            if outside <= site.reachMetres { pad = max(pad, max(dx, dy)) }
        }
        return pad
    }

    /// Without terrain: no farther than the floor with 3σ of favourable shadowing, nor than the radio horizon (m).
    private func hataReach(_ site: Site, _ eirp: Double, _ f: Double) -> Double {
        let s = settings
        let floor = s.model.reachKm(
            eirpDbm: eirp, frequencyMHz: f, baseHeightMetres: site.heightMetres, marginDb: 3 * s.shadowingSigmaDb)
        return min(floor, s.model.radioHorizonKm(baseHeightMetres: site.heightMetres)) * 1000
    }

    /// Over terrain: the terrain range, or less where even free space with 3σ of favourable shadowing falls below
    /// the floor (m). Diffraction only adds loss, so no cell farther out could be reached.
    private func terrainReach(eirpDbm: Double, frequencyMHz: Double) -> Double {
        let s = settings, diffraction = Diffraction(frequencyMHz: frequencyMHz, kFactor: s.kFactor)
        let budget = eirpDbm + 3 * s.shadowingSigmaDb - s.model.floorDbm
        let freeSpaceKm = pow(10, (budget - diffraction.freeSpace(distanceKm: 1)) / 20)
        return min(s.terrainRangeKm, freeSpaceKm) * 1000
    }

    /// Every layer's signal, tile by tile on the workers (each reads the DEM through its own handle).
    private func render(_ layers: [Layer], grid: AnalysisGrid, dem: TerrainDEM?, into sink: SimulationSink) throws {
        let tiles = grid.tiles(size: settings.effectiveTileSize)
        let (s, gt) = (settings, grid.geoTransform)
        progress.begin("simulating", total: tiles.count, unit: "tiles")
        defer { progress.end() }
        _ = try ParallelTiles.run(
            tileCount: tiles.count, threads: settings.threads,
            makeWorker: { _ in try dem.map { try RasterDataset.open($0.path).band(1) } },
            body: { band, t in
                let w = tiles[t]
                if let dem, let band {
                    let values = try TerrainSignalTile.render(
                        layers, window: w, geoTransform: gt, dem: dem, band: band, settings: s)
                    for l in layers.indices { try sink.write(l, window: w, values: values[l]) }
                    return
                }
                for (l, layer) in layers.enumerated() {
                    let values = SignalTile.compute(layer: layer, window: w, geoTransform: gt, model: s.model)
                    try sink.write(l, window: w, values: values)
                }
            }, progress: progress)
        try sink.flush()
    }
}

/// The simulated rasters, written by all workers; the handles live inside the mutex, so they are reached only under
/// the lock.
final class SimulationSink: Sendable {
    private let outputs: Mutex<[RasterDataset]>

    /// Creates one tiled Int16 GeoTIFF per path, tagged synthetic with its quantity, seed and model version.
    init(
        paths: [String], quantities: [String], width: Int, height: Int, geoTransform gt: GeoTransform, crs: String,
        settings s: SimulationSettings
    ) throws {
        let srs = try SpatialReference(userInput: crs)
        var created: [RasterDataset] = []
        for (path, quantity) in zip(paths, quantities) {
            let ds = try RasterDataset.create(
                driver: "GTiff", path: path, width: width, height: height, bands: 1, type: .int16,
                options: [
                    "TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKXSIZE=\(s.effectiveTileSize)",
                    "BLOCKYSIZE=\(s.effectiveTileSize)",
                ])
            try ds.setGeoTransform(gt)
            try ds.setSpatialReference(srs)
            try ds.band(1).setNoDataValue(-32768)
            let method = s.demPath == nil ? "COST-231 Hata" : TerrainSignalTile.description(s)["method"]!
            ds.setMetadataItem(
                "COVGAP_SYNTHETIC",
                "yes: simulated by covgap simulate (\(method), seed \(s.seed)); not a real carrier's coverage")
            ds.setMetadataItem("COVGAP_QUANTITY", quantity)
            ds.setMetadataItem(
                "COVGAP_SIMULATE_MODEL",
                s.demPath == nil ? SimulationRun.modelVersion : SimulationRun.terrainModelVersion)
            if s.demPath != nil {
                for (key, value) in TerrainSignalTile.description(s).sorted(by: { $0.key < $1.key }) {
                    ds.setMetadataItem("COVGAP_TERRAIN_\(key.uppercased())", value)
                }
            }
            created.append(ds)
        }
        outputs = Mutex(created)
    }

    func write(_ layer: Int, window: PixelWindow, values: [Int16]) throws {
        try outputs.withLock { try $0[layer].band(1).write(window, values: values) }
    }

    func flush() throws { try outputs.withLock { for o in $0 { try o.flush() } } }
}
