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
        let gridLine =
            "grid \(grid.width) × \(grid.height) cells at \(config.grid.resolutionMetres) m (\(gridCRS.name)); "
            + "\(communeSet.communes.count) communes; coverage read in \(plan.area.cellCount) cells "
            + "(\(config.grid.marginKm) km around them)"
        logger.info("\(gridLine)")
        clock.mark("communes")

        let staging = try OutputStaging(
            target: config.output,
            guard: OutputGuard(command: .analyze, inputs: Manifest.guardInputs(of: config)))
        do {
            let frame = RunFrame(
                set: communeSet, gridGeometries: gridGeometries, grid: grid, gridCRS: gridCRS, crsText: crsText,
                area: plan.area, staging: staging)
            let summary = try analyze(frame, clock: &clock)
            try staging.commit()
            return summary
        } catch {
            throw staging.abandon(after: error)
        }
    }

    /// The run's steps in order, each timed: inputs onto the grid, the kernel, villages, zones, the statistics and
    /// dead zones, sharing, the outputs written side by side, the report and the manifest.
    private func analyze(_ frame: RunFrame, clock: inout StepClock) throws -> AnalysisSummary {
        let inputs = try prepareInputs(frame)
        clock.mark("prepare")
        let pass = try KernelPass(
            grid: frame.grid, tileSize: config.grid.tileSize, threads: threads, rules: inputs.rules,
            communeCount: frame.set.communes.count, rasters: inputs.rasters, scratch: frame.staging,
            progress: progress, partials: config.sharing.partial.enabled)
        let first = try pass.classifyAndTally()
        clock.mark("kernel")
        let villages = try classifyVillages(frame, inputs, bitsPath: pass.bitsPath)
        if villages != nil { clock.mark("villages") }
        let found = try findZones(frame, inputs, first: first, pass: pass, clock: &clock)
        let scopes = inputs.scopes
        let statistics = try writeStatistics(
            frame, first: first, zones: found.zones, scopes: scopes, villages: villages)
        let writer = DeadZoneWriter(grid: frame.grid, communes: frame.set.communes, carriers: config.carriers)
        try writer.writeGeoJSON(
            found.zones.flatMap { $0 }, geometries: found.geometries, to: frame.staging.file("dead_zones.geojson"),
            threads: threads)
        clock.mark("write")
        let sharingContext = SharingContext(
            config: config, grid: frame.grid, gridCRS: frame.gridCRS, lonLatBox: frame.set.lonLatBox,
            communes: frame.set.communes, rules: inputs.rules, statistics: statistics, partials: found.partials,
            partialGeometries: found.partialGeometries, zoneWriter: writer, communesPath: inputs.communesPath,
            zonesPath: pass.zonesPath, populationPath: inputs.populationPath, villages: villages?.results ?? [],
            tileSize: config.grid.tileSize, threads: threads)
        let (sharing, partialWriter) = try SharingRun(context: sharingContext, logger: logger).run(
            staging: frame.staging)
        clock.mark("sharing")
        // The report's map shows 4G when the run has it, else the first scope it has.
        let focus =
            scopes.layerBits[TechnologyScope.fourG.index] != 0
            ? TechnologyScope.fourG.index : scopes.layerBits.firstIndex { $0 != 0 }!
        let side = try writeSideBySide(
            frame, inputs, bitsPath: pass.bitsPath, statistics: statistics, found: found, writer: writer,
            villages: villages, partials: partialWriter, focus: focus)
        clock.mark("parallel_outputs")
        var summary = AnalysisSummary(
            output: config.output, communes: frame.set.communes.count, gridWidth: frame.grid.width,
            gridHeight: frame.grid.height, deadZones: [:], notspotKm2: [:], notspotPopulation: [:],
            timings: clock.seconds)
        summary.sharing = sharing?.summary
        summary.add(statistics: statistics, zones: found.zones, scopes: scopes)
        let focusScope = TechnologyScope.allCases[focus]
        let names = config.carriers.map(config.displayName)
        let zoomMap = try ZoomableMap(
            statistics: statistics, outlines: inputs.outlines,
            layers: TechnologyScope.allCases.filter { scopes.layerBits[$0.index] != 0 }.map {
                ZoomableMap.ZoneLayer(scope: $0, zones: found.zones[$0.index], geometries: found.geometries[$0.index])
            }, focus: focusScope, villages: villages?.results ?? [], masts: sharing?.masts ?? [],
            carrierNames: Dictionary(uniqueKeysWithValues: zip(config.carriers, names)), grid: frame.grid,
            language: language
        ).html()
        if zoomMap == nil {
            logger.warning(
                "libjs-leaflet is not installed: report.html has no zoomable map (apt-get install libjs-leaflet)")
        }
        try ReportWriter(
            statistics: statistics, zones: found.zones.flatMap { $0 }, carriers: names, language: language,
            mapSVG: side.mapSVG, focus: focusScope, synthetic: syntheticCoverage(), villages: villages?.results ?? [],
            sharing: sharing, carrierNames: Dictionary(uniqueKeysWithValues: zip(config.carriers, names)),
            zoomMap: zoomMap ?? ""
        ).write(to: frame.staging.file("report.html"))
        clock.mark("report")
        try writeDeskFiles(frame, scopes: scopes, focus: focusScope, inputs: side.inputs)
        clock.mark("project_and_workbook")
        try Manifest.write(
            config: config, grid: frame.grid, summary: summary, inputs: side.inputs,
            outputs: try frame.staging.outputFiles(), to: frame.staging.file("manifest.json"))
        return summary
    }
}
