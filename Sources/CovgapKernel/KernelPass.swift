import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The kernel's passes over the grid's tiles: classification and tallies, zone relabelling and distances, polygons.
public final class KernelPass {
    let grid: AnalysisGrid
    let tileSize: Int
    let threads: Int
    let rules: [CoverageRule]
    let communeCount: Int
    let rasters: GridRasters
    let scratch: OutputStaging
    let tiles: [PixelWindow]
    let progress: ProgressMeter
    /// Whether pass 1 labels partial not-spots.
    let partials: Bool
    private let scopeCount = TechnologyScope.allCases.count
    /// Zone bands: dead zones of each scope, then partial not-spots of each scope.
    private var zoneBandCount: Int { scopeCount * ZoneKind.allCases.count }
    /// Local zone labels per zone band (non-zero = a not-spot inside a commune), written by pass 1.
    var labelsPath: String { scratch.scratchFile("labels.tif") }
    /// Carrier coverage bits per scope (bit c = carrier c covers), written by pass 1.
    public var bitsPath: String { scratch.scratchFile("coverbits.tif") }
    public var zonesPath: String { scratch.scratchFile("zones.tif") }

    public init(
        grid: AnalysisGrid, tileSize: Int, threads: Int, rules: [CoverageRule], communeCount: Int, rasters: GridRasters,
        scratch: OutputStaging, progress: ProgressMeter, partials: Bool = true
    ) throws {
        self.progress = progress
        self.partials = partials
        self.grid = grid
        self.tileSize = tileSize
        self.threads = threads
        self.rules = rules
        self.communeCount = communeCount
        self.rasters = rasters
        self.scratch = scratch
        tiles = grid.tiles(size: tileSize)
    }

    private func scratchRaster(_ path: String, bands: Int, type: RasterDataType) throws -> sending RasterDataset {
        try KernelPass.scratchRaster(path, grid: grid, tileSize: tileSize, bands: bands, type: type)
    }

    /// A new tiled, compressed GeoTIFF on the grid (CRS and geotransform set).
    static func scratchRaster(
        _ path: String, grid: AnalysisGrid, tileSize: Int, bands: Int, type: RasterDataType
    ) throws -> sending RasterDataset {
        let ds = try RasterDataset.create(
            driver: "GTiff", path: path, width: grid.width, height: grid.height, bands: bands, type: type,
            options: GridInputs.scratchOptions(tileSize: tileSize))
        try ds.setGeoTransform(grid.geoTransform)
        try ds.setSpatialReference(try SpatialReference(userInput: grid.crsWKT))
        return ds
    }

    /// Pass 1: per-commune tallies (merged exactly) and, per tile and scope, the dead-zone pieces.
    public func classifyAndTally() throws -> (tally: CommuneTally, zones: [[ScopeTileZones]]) {
        let sink = TileSink(
            labels: try scratchRaster(labelsPath, bands: zoneBandCount, type: .uint32),
            coverBits: try scratchRaster(bitsPath, bands: scopeCount, type: .byte))
        let tallies = ResultSlots<CommuneTally>(count: threads)
        let (rasters, rules, grid, tiles, communeCount, partials, tileSize) = (
            self.rasters, self.rules, self.grid, self.tiles, self.communeCount, self.partials, self.tileSize
        )
        // Workers take runs of consecutive tiles (row-major), not single tiles: each worker warps through its own GDAL
        // handles, so a source block two workers both needed would be read and decompressed twice; within a run one
        // worker reads each block once (GDAL's cache keeps it for the next tile row). The runs are cut to about equal
        // work (a tile outside the area of interest costs next to nothing), four per worker.
        let weights = tiles.map { rasters.area.touches($0) ? 16 : 1 }
        let runs = KernelPass.tileRuns(weights: weights, threads: threads)
        progress.begin("warping and classifying", total: tiles.count, unit: "tiles")
        let zones = try ParallelTiles.run(
            tileCount: runs.count, threads: threads,
            makeWorker: { _ in
                try CoverageTileWorker(
                    rasters: rasters, rules: rules, grid: grid, tileSize: tileSize, communeCount: communeCount,
                    partials: partials, sink: sink)
            },
            body: { [progress] worker, k in
                try runs[k].map { t in
                    defer { progress.tick() }
                    return try worker.process(tiles[t])
                }
            },
            finish: { w, worker in tallies.set(w, worker.tally) }
        ).flatMap { $0 }
        progress.end()
        try sink.flush()
        var total = CommuneTally(communeCount: communeCount, carrierCount: (rules.map(\.carrierIndex).max() ?? -1) + 1)
        for t in tallies.values() { total.merge(t) }
        return (total, zones)
    }

    /// The tiles cut into runs of consecutive tiles of about equal total weight, about four runs per worker.
    static func tileRuns(weights: [Int], threads: Int) -> [Range<Int>] {
        let total = weights.reduce(0, +), runCount = max(1, threads * 4)
        var runs: [Range<Int>] = [], start = 0, sum = 0
        for (t, w) in weights.enumerated() {
            sum += w
            // Cut when the running weight reaches the next multiple of total / runCount.
            if sum * runCount >= total * (runs.count + 1) || t == weights.count - 1 {
                runs.append(start..<(t + 1))
                start = t + 1
            }
        }
        return runs
    }

    /// Pass 2: writes final zone values (per zone band); returns the zones, indexed by zone band.
    public func assignZones(_ merged: [SeamMerger.Result]) throws -> [[DeadZone]] {
        let sink = ZoneSink(dataset: try scratchRaster(zonesPath, bands: zoneBandCount, type: .uint32))
        let maps = merged.map(\.tileMaps)
        let (tiles, labelsPath, bandCount) = (self.tiles, self.labelsPath, self.zoneBandCount)
        progress.begin("labelling dead zones", total: tiles.count, unit: "tiles")
        _ = try ParallelTiles.run(
            tileCount: tiles.count, threads: threads,
            makeWorker: { _ in
                let w = try ZoneTileWorker(labelsPath: labelsPath, sink: sink)
                return (w, try w.labelBands(count: bandCount))
            },
            body: { state, t in try state.0.process(tiles[t], tileMaps: maps.map { $0[t] }, labelBands: state.1) },
            progress: progress)
        try sink.flush()
        progress.end()
        return merged.map(\.zones)
    }

    /// Fills each dead zone's distance to every carrier's coverage and polygonizes the zone raster, at the same time:
    /// both only read the zone raster (through their own handles), and the polygonize of the largest band, which is
    /// one worker's alone, then overlaps the distances instead of leaving a thread idle. On one thread, one by one.
    public func distancesAndPolygons(
        _ zones: inout [[DeadZone]], carriers: Int, scopes: CarrierScopes
    ) throws -> [[UInt32: WKBGeometry]] {
        let needed = (0..<scopeCount).map { !zones[$0].isEmpty }, counts = zones.map(\.count)
        let found: [[UInt32: [Int64]]], drawn: [[UInt32: WKBGeometry]]
        let (zonesPath, crsWKT, bands, threads) = (self.zonesPath, grid.crsWKT, zoneBandCount, self.threads)
        let polygons: @Sendable () throws -> [[UInt32: WKBGeometry]] = {
            try KernelPass.polygonize(
                zonesPath: zonesPath, crsWKT: crsWKT, zoneBandCount: bands, zoneCounts: counts, threads: threads)
        }
        if threads > 1 {
            (drawn, found) = try Overlap.run(
                background: polygons,
                foreground: { try self.distances(needed: needed, carriers: carriers, scopes: scopes) })
        } else {
            found = try distances(needed: needed, carriers: carriers, scopes: scopes)
            drawn = try polygons()
        }
        for s in 0..<scopeCount {
            for i in zones[s].indices {
                let value = zones[s][i].rasterValue
                zones[s][i].nearestKm = (0..<carriers).map { c in
                    guard scopes.has(carrier: c, scope: s), let d = found[s][value]?[c], d != ZoneDistances.none else {
                        return nil
                    }
                    // Rounded through Float32 as a distance raster would hold it, so the figures do not depend on how
                    // they were found.
                    return Double(Float(Double(d).squareRoot())) * grid.resolutionMetres / 1000
                }
            }
        }
        return drawn
    }

    /// Each zone band's least squared distance (in cells) from its zones to every carrier's coverage (`ZoneDistances`:
    /// exact, in bands of rows).
    private func distances(needed: [Bool], carriers: Int, scopes: CarrierScopes) throws -> [[UInt32: [Int64]]] {
        // Bands of about 2 M cells: memory stays flat whatever the grid's size.
        let bandRows = max(16, min(1024, (1 << 21) / max(grid.width, 1)))
        return try ZoneDistances(
            bitsPath: bitsPath, zonesPath: zonesPath, boundariesPath: scratch.scratchFile("column_boundaries.bin"),
            width: grid.width, height: grid.height, carriers: carriers, scopes: scopes, threads: threads,
            bandRows: bandRows, progress: progress
        ).compute(needed: needed)
    }

    /// Polygonizes the zone raster (8-connected), per zone band: geometry by zone value, in the grid CRS, as values
    /// (each worker draws with its own handles and hands back WKB).
    static func polygonize(
        zonesPath: String, crsWKT: String, zoneBandCount: Int, zoneCounts: [Int], threads: Int
    ) throws -> [[UInt32: WKBGeometry]] {
        // Bands are independent: each worker polygonizes whole bands with its own handles (largest bands first). The
        // zone raster is band-interleaved, so two polygonizers at different rows share GDAL's block cache without
        // re-reading each other's bands.
        let order = (0..<zoneBandCount).filter { zoneCounts[$0] > 0 }.sorted {
            (zoneCounts[$1], $0) < (zoneCounts[$0], $1)
        }
        let sets = try ParallelTiles.run(
            tileCount: order.count, threads: threads,
            makeWorker: { _ in (try RasterDataset.open(zonesPath), try SpatialReference(userInput: crsWKT)) },
            body: { handles, k in try polygonizeBand(order[k], of: handles.0, crs: handles.1) })
        var out = [[UInt32: WKBGeometry]](repeating: [:], count: zoneBandCount)
        for (k, s) in order.enumerated() { out[s] = sets[k] }
        return out
    }

    /// One zone band's polygons, repaired, merged per zone value.
    private static func polygonizeBand(
        _ s: Int, of zones: RasterDataset, crs: SpatialReference
    ) throws -> [UInt32: WKBGeometry] {
        var byZone: [UInt32: Geometry] = [:]
        let memory = try VectorDataset.create(driver: "Memory", path: "zones_\(s)")
        let layer = try memory.createLayer(name: "zones", srs: crs, geometry: .polygon)
        try layer.createField("zone", type: .integer64)
        try GDALAlgorithms.polygonize(
            try zones.band(s + 1), mask: nil, into: layer, valueField: 0, eightConnected: true)
        layer.resetReading()
        while let f = layer.nextFeature() {
            guard let v = f.double(0), v > 0, let g = f.geometry else { continue }
            let key = UInt32(v)
            let multi = byZone[key] ?? Geometry(empty: .multiPolygon)
            multi.addPolygons(of: try ValidPolygons.repaired(g))
            byZone[key] = multi
        }
        return byZone.mapValues(\.wkb)
    }
}
