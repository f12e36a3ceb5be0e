import CovgapAnalysis
import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapPlanning
import CovgapReport
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// `covgap analyze`: from a config to a complete run folder (statistics, dead zones, GeoPackage, manifest).
public struct AnalysisRun {
    public let config: CovgapConfig
    public let threads: Int
    public let logger: Logger
    /// Shows the long steps' progress (silent by default).
    public let progress: ProgressMeter
    /// The language of report.html.
    public let language: ReportLanguage

    /// An analysis of `config` on `threads` workers (at least 1).
    public init(
        config: CovgapConfig, threads: Int, logger: Logger, progress: ProgressMeter = .silent,
        language: ReportLanguage = .vi
    ) {
        self.config = config
        self.threads = max(1, threads)
        self.logger = logger
        self.progress = progress
        self.language = language
    }

    /// Runs the whole analysis; on any error nothing is left at the output path (an earlier run there is untouched).
    public func run() throws -> AnalysisSummary {
        GDALRuntime.initialize()
        var clock = StepClock()
        let communeSet = try CommuneLoader.load(config.boundaries, logger: logger)
        let plan = try GridPlan(config: config, communes: communeSet)
        let (grid, gridCRS, gridGeometries, crsText) = (plan.grid, plan.crs, plan.gridGeometries, plan.crsText)
        logger.info(
            "grid \(grid.width) × \(grid.height) cells at \(config.grid.resolutionMetres) m (\(crsText)); \(communeSet.communes.count) communes; coverage read in \(plan.area.cellCount) cells (\(config.grid.marginKm) km around them)"
        )
        clock.mark("communes")

        let staging = try OutputStaging(
            target: config.output,
            guard: OutputGuard(command: .analyze, inputs: Manifest.guardInputs(of: config)))
        do {
            let summary = try analyze(
                communeSet, gridGeometries: gridGeometries, grid: grid, gridCRS: gridCRS, crsText: crsText,
                area: plan.area,
                staging: staging,
                clock: &clock)
            try staging.commit()
            return summary
        } catch {
            throw staging.abandon(after: error)
        }
    }

    private func analyze(
        _ set: CommuneSet, gridGeometries: [Geometry], grid: AnalysisGrid, gridCRS: SpatialReference,
        crsText: String, area: AreaOfInterest,
        staging: OutputStaging, clock: inout StepClock
    ) throws -> AnalysisSummary {
        let tileSize = config.grid.tileSize
        let carriers = config.carriers
        // 1. Everything onto the grid. The communes are rasterized while the inputs are checked (each unit check reads
        // its raster whole), in parallel; then the warped VRTs, which cost nothing until read.
        let communesPath = staging.scratchFile("communes.tif")
        let densityPath = staging.scratchFile("population_density.tif")
        let (config, gridWKT) = (self.config, grid.crsWKT)
        // What crosses to the workers is values: the communes and their outlines as WKB.
        let (communes, outlines) = (set.communes, gridGeometries.map(\.wkb))
        let layerCount = config.coverage.count
        let verdicts = ResultSlots<LayerVerdict>(count: layerCount)
        _ = try ParallelTiles.run(
            tileCount: layerCount + 2, threads: threads, makeWorker: { _ in () },
            body: { _, job in
                // Its own CRS handle per job: OGR's spatial references are not safe to share between threads.
                let crs = try SpatialReference(userInput: gridWKT)
                switch job {
                case 0:
                    try GridInputs.rasterizeCommunes(
                        communes, gridGeometries: outlines, grid: grid, gridCRS: crs,
                        to: communesPath, tileSize: tileSize)
                case 1...layerCount:
                    let layer = config.coverage[job - 1]
                    let ds = try GridInputs.checkedRaster(
                        layer.path, band: layer.band, role: "coverage", grid: grid, gridCRS: crs)
                    let verdict = try LayerVerdict.judge(ds, layer: layer, grid: grid, gridCRS: crs)
                    if let refusal = verdict.refusal { throw refusal }
                    verdicts.set(job - 1, verdict)
                default:
                    guard let p = config.population else { return }
                    let ds = try GridInputs.checkedRaster(
                        p.path, band: p.band, role: "population", grid: grid, gridCRS: crs)
                    try PopulationDensity.write(ds, band: p.band, to: densityPath)
                }
            })
        let rules = config.coverage.indices.map { l -> CoverageRule in
            let layer = config.coverage[l], verdict = verdicts.take(l)!
            for w in verdict.warnings { logger.warning("\(w)") }
            return CoverageRule(
                carrierIndex: carriers.firstIndex(of: layer.carrier)!, technology: layer.technology,
                values: layer.values,
                thresholdDbm: layer.thresholdDbm, noData: layer.noData, scaling: verdict.scaling)
        }
        let stacks = try CoverageStacks.build(
            config.coverage, grid: grid, errorPixels: config.grid.warpErrorPixels,
            scratch: staging.scratchFile)
        var populationPath: String?
        if config.population != nil {
            populationPath = staging.scratchFile("population.vrt")
            try GridInputs.warpVRT(
                try RasterDataset.open(densityPath), grid: grid, resampling: "average", type: "Float64",
                errorPixels: config.grid.warpErrorPixels, to: populationPath!)
        }
        clock.mark("prepare")
        let rasters = GridRasters(
            communes: communesPath, coverage: stacks, population: populationPath, populationBand: 1, area: area)

        // 2. The kernel: classify, tally, label not-spot groups per tile, in parallel.
        let pass = try KernelPass(
            grid: grid, tileSize: tileSize, threads: threads, rules: rules, communeCount: set.communes.count,
            rasters: rasters, scratch: staging,
            progress: progress, partials: config.sharing.partial.enabled)
        let first = try pass.classifyAndTally()
        clock.mark("kernel")
        var villageWriter: VillageWriter?
        if let input = config.villages {
            let villages = try VillageLoader.load(input)
            let classifier = VillageClassifier(
                grid: grid, gridCRS: gridCRS, communes: set.communes, carriers: carriers,
                scopes: CarrierScopes(rules: rules), settings: input)
            let results = try classifier.classify(villages, coverBitsPath: pass.bitsPath, communesPath: communesPath)
            villageWriter = VillageWriter(results: results, communes: set.communes, scopes: CarrierScopes(rules: rules))
            let outside = results.filter { $0.locatedCommuneID == nil }.count
            if outside > 0 {
                logger.warning(
                    "\(input.path): \(outside) village(s) lie outside every selected commune (class 'outside')")
            }
            clock.mark("villages")
        }

        // 3. Zones across seams (dead zones, then partial not-spots, per scope), distances to each carrier's coverage, polygons.
        let scopeCount = TechnologyScope.allCases.count
        let merger = SeamMerger(
            grid: grid, tileSize: tileSize,
            minAreaFixed: Int64((config.minDeadZoneAreaKm2 * 1e6 * CommuneTally.areaScale).rounded()))
        let partialMerger = SeamMerger(
            grid: grid, tileSize: tileSize,
            minAreaFixed: Int64((config.sharing.partial.minAreaKm2 * 1e6 * CommuneTally.areaScale).rounded()),
            kind: .partial)
        let merged = (0..<(2 * scopeCount)).map { b in
            (b < scopeCount ? merger : partialMerger).merge(
                scope: TechnologyScope.allCases[b % scopeCount], tiles: first.zones.map { $0[b] })
        }
        clock.mark("merge")
        var allZones = try pass.assignZones(merged)
        clock.mark("relabel")
        let allGeometries = try pass.distancesAndPolygons(
            &allZones, carriers: carriers.count, scopes: CarrierScopes(rules: rules))
        clock.mark("distances_and_polygons")
        var zones = Array(allZones[0..<scopeCount])
        let geometries = Array(allGeometries[0..<scopeCount])
        allZones.removeFirst(scopeCount)

        // 4. Outputs.
        var statistics: [CommuneStatistics] = []
        let scopes = CarrierScopes(rules: rules)
        let zoneCounts = zones.map { Dictionary($0.map { ($0.commune, 1) }, uniquingKeysWith: +) }
        let villageCounts = villageWriter?.counts()
        for commune in set.communes {
            for (s, _) in TechnologyScope.allCases.enumerated() where scopes.layerBits[s] != 0 {
                var row = CommuneStatistics(
                    tally: first.tally, commune: commune, scopeIndex: s, scopes: scopes,
                    deadZones: zoneCounts[s][commune.id] ?? 0)
                if let villageCounts { row.villages = villageCounts[commune.id]?[s] ?? (0, 0) }
                statistics.append(row)
            }
        }
        try CommuneStatsWriter.write(
            statistics, carriers: carriers, villages: villageWriter != nil, to: staging.file("commune_stats.csv"))
        if let villageWriter {
            try villageWriter.writeCSV(to: staging.file("villages.csv"))
            try villageWriter.writeGeoJSON(to: staging.file("villages.geojson"))
        }
        for s in zones.indices { zones[s].sort { $0.rasterValue < $1.rasterValue } }
        for s in allZones.indices { allZones[s].sort { $0.rasterValue < $1.rasterValue } }
        let writer = DeadZoneWriter(grid: grid, communes: set.communes, carriers: carriers)
        try writer.writeGeoJSON(
            zones.flatMap { $0 }, geometries: geometries, to: staging.file("dead_zones.geojson"), threads: threads)
        clock.mark("write")

        // 5. Sharing and undergrounding.
        let sharingContext = SharingContext(
            config: config, grid: grid, gridCRS: gridCRS, lonLatBox: set.lonLatBox, communes: set.communes,
            rules: rules,
            statistics: statistics, partials: allZones, partialGeometries: Array(allGeometries[scopeCount...]),
            zoneWriter: writer,
            communesPath: communesPath, zonesPath: pass.zonesPath, populationPath: populationPath,
            villages: villageWriter?.results ?? [],
            tileSize: tileSize, threads: threads)
        let (sharing, partialWriter) = try SharingRun(context: sharingContext, logger: logger).run(staging: staging)
        clock.mark("sharing")
        // The GeoPackage is written while the kept rasters are copied, the inputs hashed for the manifest and the
        // report's map drawn from the scratch rasters (each job has its own GDAL handles, and the map its own copy of
        // the outlines).
        let hashed = ResultSlots<[Manifest.Input]>(count: 1), mapSVG = ResultSlots<String>(count: 1)
        let bitsPath = pass.bitsPath
        let focus = scopes.layerBits[1] != 0 ? 1 : scopes.layerBits.firstIndex { $0 != 0 }!
        let map = CoverageMap(
            grid: grid, bitsPath: bitsPath, communesPath: communesPath, scopeIndex: focus,
            allCarriersBits: UInt8(scopes.layerBits[focus]), outlines: outlines, language: language)
        let (flatZones, villages, rows) = (zones.flatMap { $0 }, villageWriter, statistics)
        _ = try ParallelTiles.run(
            tileCount: 5, threads: threads, makeWorker: { _ in () },
            body: { _, job in
                switch job {
                case 0:
                    try GeoPackageWriter.write(
                        statistics: rows, communeGeometries: outlines, zones: flatZones,
                        geometries: geometries, writer: writer, villages: villages, partials: partialWriter,
                        crsText: crsText, to: staging.file("coverage.gpkg"))
                case 1:
                    try RunRasters.keep(
                        bits: bitsPath, carriers: carriers, scopes: scopes, staging: staging, tileSize: tileSize)
                case 2: try RunRasters.keepCommunes(communesPath, staging: staging, tileSize: tileSize)
                case 3: mapSVG.set(0, try map.svg())
                default: hashed.set(0, Manifest.inputs(of: config))
                }
            })
        clock.mark("parallel_outputs")

        var summary = AnalysisSummary(
            output: config.output, communes: set.communes.count, gridWidth: grid.width, gridHeight: grid.height,
            deadZones: [:], notspotKm2: [:], notspotPopulation: [:], timings: clock.seconds)
        summary.sharing = sharing?.summary
        for (s, scope) in TechnologyScope.allCases.enumerated() where scopes.layerBits[s] != 0 {
            let rows = statistics.filter { $0.scope == scope }
            summary.deadZones[scope.rawValue] = zones[s].count
            summary.notspotKm2[scope.rawValue] = rows.reduce(0) { $0 + $1.notspotTotalKm2 }
            summary.notspotPopulation[scope.rawValue] = rows.reduce(0) { $0 + $1.populationNotspotTotal }
        }
        let synthetic = config.coverage.contains {
            (try? RasterDataset.open($0.path).metadataItem("COVGAP_SYNTHETIC")) != nil
        }
        try ReportWriter(
            statistics: statistics, zones: zones.flatMap { $0 }, carriers: carriers, language: language,
            mapSVG: mapSVG.take(0) ?? "",
            focus: TechnologyScope.allCases[focus], synthetic: synthetic,
            villages: villageWriter?.results ?? [], sharing: sharing
        ).write(to: staging.file("report.html"))
        clock.mark("report")
        try FileManager.default.removeItem(atPath: staging.scratch.path)
        try Manifest.write(
            config: config, grid: grid, summary: summary, inputs: hashed.take(0) ?? Manifest.inputs(of: config),
            outputs: try staging.outputFiles(), to: staging.file("manifest.json"))
        return summary
    }
}
