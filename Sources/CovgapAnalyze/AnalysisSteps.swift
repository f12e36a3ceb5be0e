import CovgapAnalysis
import CovgapDesk
import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapPlanning
import CovgapReport
import CovgapSupport
import Foundation
import GDALBridge

/// What every step of one run shares: the communes, the grid they set, and the folder the run is written into.
struct RunFrame {
    let set: CommuneSet
    let gridGeometries: [Geometry]
    let grid: AnalysisGrid
    let gridCRS: SpatialReference
    /// The grid CRS as the config (or `auto`) gave it.
    let crsText: String
    let area: AreaOfInterest
    let staging: OutputStaging
}

/// The inputs on the grid, as the kernel reads them, and the commune outlines as values for the workers.
struct PreparedInputs {
    let rules: [CoverageRule]
    /// Which carriers have a layer in each scope, from `rules`.
    let scopes: CarrierScopes
    let rasters: GridRasters
    let communesPath: String
    let populationPath: String?
    let outlines: [WKBGeometry]
}

/// The kernel's zones, sorted by raster value: dead zones and partial not-spots per scope, with their polygons.
struct FoundZones {
    let zones: [[DeadZone]]
    let geometries: [[UInt32: WKBGeometry]]
    let partials: [[DeadZone]]
    let partialGeometries: [[UInt32: WKBGeometry]]
}

extension AnalysisRun {
    /// Everything onto the grid. The communes are rasterized while the inputs are checked (each unit check reads its
    /// raster whole), in parallel; then the warped VRTs, which cost nothing until read.
    func prepareInputs(_ frame: RunFrame) throws -> PreparedInputs {
        let (config, grid, tileSize, staging) = (self.config, frame.grid, config.grid.tileSize, frame.staging)
        let communesPath = staging.scratchFile("communes.tif")
        let densityPath = staging.scratchFile("population_density.tif")
        // What crosses to the workers is values: the communes and their outlines as WKB.
        let (communes, outlines) = (frame.set.communes, frame.gridGeometries.map(\.wkb))
        let layerCount = config.coverage.count
        let verdicts = ResultSlots<LayerVerdict>(count: layerCount)
        _ = try ParallelTiles.run(
            tileCount: layerCount + 2, threads: threads, makeWorker: { _ in () },
            body: { _, job in
                // Its own CRS handle per job: OGR's spatial references are not safe to share between threads.
                let crs = try SpatialReference(userInput: grid.crsWKT)
                switch job {
                case 0:
                    try GridInputs.rasterizeCommunes(
                        communes, gridGeometries: outlines, grid: grid, gridCRS: crs, to: communesPath,
                        tileSize: tileSize)
                case 1...layerCount:
                    verdicts.set(job - 1, try AnalysisRun.judge(config.coverage[job - 1], grid: grid, crs: crs))
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
                carrierIndex: config.carriers.firstIndex(of: layer.carrier)!, technology: layer.technology,
                values: layer.values, thresholdDbm: layer.thresholdDbm, noData: layer.noData, scaling: verdict.scaling)
        }
        let stacks = try CoverageStacks.build(
            config.coverage, grid: grid, errorPixels: config.grid.warpErrorPixels, scratch: staging.scratchFile)
        var populationPath: String?
        if config.population != nil {
            populationPath = staging.scratchFile("population.vrt")
            try GridInputs.warpVRT(
                try RasterDataset.open(densityPath), grid: grid, resampling: "average", type: "Float64",
                errorPixels: config.grid.warpErrorPixels, to: populationPath!)
        }
        let rasters = GridRasters(
            communes: communesPath, coverage: stacks, population: populationPath, populationBand: 1, area: frame.area)
        return PreparedInputs(
            rules: rules, scopes: CarrierScopes(rules: rules), rasters: rasters, communesPath: communesPath,
            populationPath: populationPath,
            outlines: outlines)
    }

    /// A coverage layer checked and judged (units, scaling); a layer the judge refuses stops the run.
    static func judge(_ layer: CoverageInput, grid: AnalysisGrid, crs: SpatialReference) throws -> LayerVerdict {
        let ds = try GridInputs.checkedRaster(layer.path, band: layer.band, role: "coverage", grid: grid, gridCRS: crs)
        let verdict = try LayerVerdict.judge(ds, layer: layer, grid: grid, gridCRS: crs)
        if let refusal = verdict.refusal { throw refusal }
        return verdict
    }

    /// The villages' classes from the kernel's coverage bits, when the run has villages.
    func classifyVillages(_ frame: RunFrame, _ inputs: PreparedInputs, bitsPath: String) throws -> VillageWriter? {
        guard let input = config.villages else { return nil }
        let villages = try VillageLoader.load(input)
        let classifier = VillageClassifier(
            grid: frame.grid, gridCRS: frame.gridCRS, communes: frame.set.communes, carriers: config.carriers,
            scopes: inputs.scopes, settings: input)
        let results = try classifier.classify(villages, coverBitsPath: bitsPath, communesPath: inputs.communesPath)
        let outside = results.filter { $0.locatedCommuneID == nil }.count
        if outside > 0 {
            logger.warning("\(input.path): \(outside) village(s) lie outside every selected commune (class 'outside')")
        }
        return VillageWriter(results: results, communes: frame.set.communes, scopes: inputs.scopes)
    }

    /// Zones across seams (dead zones, then partial not-spots, per scope), their distances to each carrier's coverage
    /// and their polygons.
    func findZones(
        _ frame: RunFrame, _ inputs: PreparedInputs, first: (tally: CommuneTally, zones: [[ScopeTileZones]]),
        pass: KernelPass, clock: inout StepClock
    ) throws -> FoundZones {
        let scopeCount = TechnologyScope.allCases.count
        let areaFixed = { (km2: Double) in Int64((km2 * 1e6 * CommuneTally.areaScale).rounded()) }
        let tileSize = config.grid.tileSize
        let merger = SeamMerger(
            grid: frame.grid, tileSize: tileSize, minAreaFixed: areaFixed(config.minDeadZoneAreaKm2))
        let partialMerger = SeamMerger(
            grid: frame.grid, tileSize: tileSize, minAreaFixed: areaFixed(config.sharing.partial.minAreaKm2),
            kind: .partial)
        let merged = (0..<(2 * scopeCount)).map { b in
            (b < scopeCount ? merger : partialMerger).merge(
                scope: TechnologyScope.allCases[b % scopeCount], tiles: first.zones.map { $0[b] })
        }
        clock.mark("merge")
        var all = try pass.assignZones(merged)
        clock.mark("relabel")
        let geometries = try pass.distancesAndPolygons(
            &all, carriers: config.carriers.count, scopes: inputs.scopes)
        clock.mark("distances_and_polygons")
        for s in all.indices { all[s].sort { $0.rasterValue < $1.rasterValue } }
        return FoundZones(
            zones: Array(all[0..<scopeCount]), geometries: Array(geometries[0..<scopeCount]),
            partials: Array(all[scopeCount...]), partialGeometries: Array(geometries[scopeCount...]))
    }

    /// The statistics per commune and technology, written as commune_stats.csv (and the villages beside them).
    func writeStatistics(
        _ frame: RunFrame, first: (tally: CommuneTally, zones: [[ScopeTileZones]]), zones: [[DeadZone]],
        scopes: CarrierScopes, villages: VillageWriter?
    ) throws -> [CommuneStatistics] {
        var statistics: [CommuneStatistics] = []
        let zoneCounts = zones.map { Dictionary($0.map { ($0.commune, 1) }, uniquingKeysWith: +) }
        let villageCounts = villages?.counts()
        for commune in frame.set.communes {
            for (s, _) in TechnologyScope.allCases.enumerated() where scopes.layerBits[s] != 0 {
                var row = CommuneStatistics(
                    tally: first.tally, commune: commune, scopeIndex: s, scopes: scopes,
                    deadZones: zoneCounts[s][commune.id] ?? 0)
                if let villageCounts { row.villages = villageCounts[commune.id]?[s] ?? (0, 0) }
                statistics.append(row)
            }
        }
        try CommuneStatsWriter.write(
            statistics, carriers: config.carriers, villages: villages != nil,
            to: frame.staging.file("commune_stats.csv"))
        if let villages {
            try villages.writeCSV(to: frame.staging.file("villages.csv"))
            try villages.writeGeoJSON(to: frame.staging.file("villages.geojson"))
        }
        return statistics
    }

    /// The GeoPackage written while the kept rasters are copied, the inputs hashed for the manifest and the report's
    /// map drawn from the scratch rasters; each job makes its own GDAL handles from the values it is given.
    func writeSideBySide(
        _ frame: RunFrame, _ inputs: PreparedInputs, bitsPath: String, statistics: [CommuneStatistics],
        found: FoundZones, writer: DeadZoneWriter, villages: VillageWriter?, partials: PartialNotspotWriter?,
        focus: Int
    ) throws -> (mapSVG: String, inputs: [Manifest.Input]) {
        let (config, staging, tileSize, crsText) = (self.config, frame.staging, config.grid.tileSize, frame.crsText)
        let scopes = inputs.scopes
        let hashed = ResultSlots<[Manifest.Input]>(count: 1), mapSVG = ResultSlots<String>(count: 1)
        let map = CoverageMap(
            grid: frame.grid, bitsPath: bitsPath, communesPath: inputs.communesPath, scopeIndex: focus,
            allCarriersBits: UInt8(scopes.layerBits[focus]), outlines: inputs.outlines, language: language)
        let (flatZones, outlines, communesPath) = (found.zones.flatMap { $0 }, inputs.outlines, inputs.communesPath)
        _ = try ParallelTiles.run(
            tileCount: 6, threads: threads, makeWorker: { _ in () },
            body: { _, job in
                switch job {
                case 0:
                    try GeoPackageWriter.write(
                        statistics: statistics, communeGeometries: outlines, zones: flatZones,
                        geometries: found.geometries, writer: writer, villages: villages, partials: partials,
                        crsText: crsText, villagesTechnology: TechnologyScope.allCases[focus].rawValue,
                        to: staging.file("coverage.gpkg"))
                case 1:
                    try RunRasters.keep(
                        bits: bitsPath, carriers: config.carriers, scopes: scopes, staging: staging,
                        tileSize: tileSize)
                case 2: try RunRasters.keepCommunes(communesPath, staging: staging, tileSize: tileSize)
                case 3: mapSVG.set(0, try map.svg())
                case 4:
                    let names = try CoverageClassRasters.write(
                        bits: bitsPath, communes: communesPath, scopes: scopes, staging: staging, tileSize: tileSize)
                    for name in names {
                        try PalettedStyle.coverageClasses.qml.write(
                            toFile: staging.file(String(name.dropLast(4)) + ".qml"), atomically: false, encoding: .utf8)
                    }
                default: hashed.set(0, Manifest.inputs(of: config))
                }
            })
        return (mapSVG.take(0) ?? "", hashed.take(0) ?? Manifest.inputs(of: config))
    }

    /// What analysts open from the finished folder: the QGIS project, the workbook and (after the scratch files are
    /// gone, so it lists exactly what the run keeps) README.txt.
    func writeDeskFiles(
        _ frame: RunFrame, scopes: CarrierScopes, focus: TechnologyScope, inputs: [Manifest.Input]
    ) throws {
        let folder = frame.staging.staging.path
        let technologies = TechnologyScope.allCases.enumerated().filter { scopes.layerBits[$0.offset] != 0 }
            .map(\.element.rawValue)
        let project = try RunProject.make(
            folder: folder, title: "covgap: \(frame.set.areaName)", technologies: technologies,
            focus: focus.rawValue)
        try project.qgs.write(toFile: frame.staging.file(RunProject.fileName), atomically: false, encoding: .utf8)
        try Workbook.write(
            RunWorkbook.sheets(folder: folder, technologies: technologies), to: frame.staging.file(RunWorkbook.fileName)
        )
        try FileManager.default.removeItem(atPath: frame.staging.scratch.path)
        let readme = RunReadme.text(
            title: project.title,
            tool: "covgap \(CovgapVersion.string) (GDAL \(GDALRuntime.version), PROJ \(GDALRuntime.projVersion))",
            crs: project.crsName, outputs: try frame.staging.outputFiles(),
            inputs: Manifest.relative(inputs, run: config.output))
        try readme.write(toFile: frame.staging.file(RunReadme.fileName), atomically: false, encoding: .utf8)
    }

    /// Whether any coverage layer says it was made by `covgap simulate` (the report then says so).
    func syntheticCoverage() -> Bool {
        config.coverage.contains { (try? RasterDataset.open($0.path).metadataItem("COVGAP_SYNTHETIC")) != nil }
    }
}

extension AnalysisSummary {
    /// Adds each technology's dead-zone count and the not-spot area and people summed over its communes.
    mutating func add(statistics: [CommuneStatistics], zones: [[DeadZone]], scopes: CarrierScopes) {
        for (s, scope) in TechnologyScope.allCases.enumerated() where scopes.layerBits[s] != 0 {
            let rows = statistics.filter { $0.scope == scope }
            deadZones[scope.rawValue] = zones[s].count
            notspotKm2[scope.rawValue] = rows.reduce(0) { $0 + $1.notspotTotalKm2 }
            notspotPopulation[scope.rawValue] = rows.reduce(0) { $0 + $1.populationNotspotTotal }
        }
    }
}
