import CovgapGrid
import CovgapModel
import Foundation
import GDALBridge
import Logging
import Synchronization

/// `covgap inspect`: describes every input of a config and runs the checks `analyze` would run (CRS, bands, overlap,
/// units, fields, codes, geometries, the cell budget), collecting all problems instead of stopping at the first.
/// It writes nothing.
public struct Inspector {
    public let config: CovgapConfig
    public let threads: Int
    /// Read every block of every raster (not only where the grid reaches), to find damage anywhere in the files.
    public let deep: Bool

    /// An inspection of `config` as a run on `threads` workers would see it.
    public init(config: CovgapConfig, threads: Int, deep: Bool = false) {
        self.config = config
        self.threads = threads
        self.deep = deep
    }

    public func run() -> InspectionReport {
        GDALRuntime.initialize()
        var report = InspectionReport()
        let warnings = WarningCollector()
        var logger = Logger(label: "inspect") { _ in warnings }
        logger.logLevel = .warning
        var plan: GridPlan?
        var boundary = InspectionReport.Input(role: "boundaries", path: config.boundaries.path)
        do {
            let ds = try VectorDataset.open(config.boundaries.path)
            let layer = try ds.layer(named: config.boundaries.layer)
            boundary.driver = "OGR"
            boundary.crs = layer.spatialReference?.name ?? "none"
            boundary.size = "\(layer.featureCount) features (layer '\(layer.name)')"
            boundary.values = "fields: " + layer.fields.map(\.name).joined(separator: ", ")
        } catch { report.errors.append("\(config.boundaries.path): \(error)") }
        do {
            let communes = try CommuneLoader.load(config.boundaries, logger: logger)
            boundary.size += "; \(communes.communes.count) communes selected"
            plan = try GridPlan(config: config, communes: communes)
        } catch { report.errors.append("\(error)") }
        report.inputs.append(boundary)
        if let plan {
            let tileBytes =
                config.grid.tileSize * config.grid.tileSize * (4 + 4 * config.coverage.count + 8 + 3 * 5 + 4)
            let polygons =
                (try? FileManager.default.attributesOfItem(atPath: config.boundaries.path)[.size] as? Int) ?? 0
            report.grid = .init(
                crs: ["unnamed", "unknown"].contains(plan.crs.name) ? plan.crsText : plan.crs.name,
                width: plan.grid.width, height: plan.grid.height,
                cells: plan.grid.cellCount, resolutionMetres: config.grid.resolutionMetres,
                communes: plan.gridGeometries.count,
                marginKm: config.grid.marginKm, areaOfInterestCells: plan.area.cellCount,
                memoryEstimateMiB: (threads * tileBytes + Int(GDALRuntime.defaultCacheBytes) + 3 * polygons) / (1 << 20)
                    + 100)
        }
        for layer in config.coverage {
            report.inputs.append(
                raster(
                    role: "coverage \(layer.carrier) \(layer.technology.rawValue) (\(layer.values.rawValue))",
                    path: layer.path, band: layer.band, plan: plan, report: &report
                ) { ds, plan in
                    let verdict = try LayerVerdict.judge(
                        ds, layer: layer, grid: plan.grid, gridCRS: plan.crs, whole: deep)
                    if let refusal = verdict.refusal { throw refusal }
                    return verdict.warnings
                })
        }
        if let p = config.population {
            report.inputs.append(
                raster(role: "population", path: p.path, band: p.band, plan: plan, report: &report) { ds, plan in
                    guard
                        let window = try LayerSurvey.window(
                            of: ds, covering: plan.grid.envelope, gridCRS: plan.crs, whole: deep)
                    else { return [] }
                    _ = try LayerSurvey.survey(ds, band: p.band, window: window, thresholdDbm: nil, userPath: p.path)
                    return []
                })
        }
        if let v = config.villages {
            var input = InspectionReport.Input(role: "villages", path: v.path)
            do {
                let villages = try VillageLoader.load(v)
                input.size = "\(villages.count) villages"
                input.values =
                    "\(villages.filter { $0.givenCommuneCode == nil }.count) without a commune code (located by "
                    + "position)"
            } catch { report.errors.append("\(error)") }
            report.inputs.append(input)
        }
        report.warnings = warnings.messages + report.warnings
        return report
    }

    /// Describes a raster and runs analyze's checks on it; problems go to `report.errors`.
    private func raster(
        role: String, path: String, band: Int, plan: GridPlan?, report: inout InspectionReport,
        extra: (RasterDataset, GridPlan) throws -> [String]
    ) -> InspectionReport.Input {
        var input = InspectionReport.Input(role: role, path: path)
        guard let ds = try? RasterDataset.open(path) else {
            do {
                // Let the analysis's own check word the problem (missing, folder, unreadable).
                let grid =
                    plan?.grid
                    ?? AnalysisGrid(
                        crsWKT: "", geoTransform: GeoTransform(originX: 0, pixelWidth: 1, originY: 0, pixelHeight: -1),
                        width: 1, height: 1, cellArea: .constant(1), resolutionMetres: 1)
                _ = try GridInputs.checkedRaster(
                    path, band: band, role: role, grid: grid, gridCRS: plan?.crs ?? .wgs84())
            } catch { report.errors.append("\(error)") }
            return input
        }
        input.driver = ds.driverName
        input.crs = ds.spatialReference?.name ?? "none"
        input.size = "\(ds.width) × \(ds.height), \(ds.bandCount) band(s)"
        if let gt = ds.geoTransform { input.resolution = "\(abs(gt.pixelWidth)) × \(abs(gt.pixelHeight))" }
        if let b = try? ds.band(band) {
            input.dataType = b.dataType.rawValue
            input.noData = b.noDataValue.map { "\($0)" } ?? "none"
            let scaling = ValueScaling(b)
            let note = scaling.isIdentity ? "" : ", after the band's \(scaling.text)"
            input.values =
                b.minMax(approximate: true).map {
                    "\(scaling.apply($0.min)) … \(scaling.apply($0.max)) (sampled\(note))"
                } ?? "no valid values"
        }
        if let plan {
            do {
                _ = try GridInputs.checkedRaster(path, band: band, role: role, grid: plan.grid, gridCRS: plan.crs)
                input.overlapPercent = overlap(ds, plan: plan)
                if let o = input.overlapPercent, o < 99.5 {
                    report.warnings.append(
                        "\(path) covers \(String(format: "%.1f", o))% of the analysis area; cells outside it count as "
                            + "nodata"
                    )
                }
                report.warnings += try extra(ds, plan)
            } catch { report.errors.append("\(error)") }
        }
        return input
    }

    /// Percent of the grid's extent inside the raster's extent (in the grid CRS).
    private func overlap(_ ds: RasterDataset, plan: GridPlan) -> Double? {
        guard let gt = ds.geoTransform, let srs = ds.spatialReference,
            let box = try? GridInputs.extent(of: ds, geoTransform: gt, from: srs, in: plan.crs)
        else { return nil }
        let g = plan.communeExtent
        let w = max(0, min(g.maxX, box.maxX) - max(g.minX, box.minX)),
            h = max(0, min(g.maxY, box.maxY) - max(g.minY, box.minY))
        return 100 * w * h / ((g.maxX - g.minX) * (g.maxY - g.minY))
    }
}

/// Collects the warnings the loaders log, for the report.
struct WarningCollector: LogHandler {
    private final class Store: Sendable {
        let collected = Mutex<[String]>([])
    }
    private let store = Store()
    var messages: [String] { store.collected.withLock { $0 } }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.collected.withLock { $0.append("\(event.message)") }
    }
}
