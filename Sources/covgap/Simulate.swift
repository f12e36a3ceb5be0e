import ArgumentParser
import CovgapGrid
import CovgapModel
import CovgapSimulate
import Foundation
import GDALBridge

extension Covgap {
    /// `covgap simulate`: coverage rasters from a site list.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Simulate coverage rasters (COST-231 Hata, or free space + delta-Bullington diffraction over a DEM, "
                + "with correlated shadowing) from a site list.",
            discussion:
                "Writes <carrier>_<3g|4g>.tif (Int16 dBm: RSCP for 3G, RSRP for 4G; nodata -32768 beyond range). "
                + "Output is synthetic."
        )

        @Option(
            name: .long,
            help: "Site list: CSV (site_id, carrier, lon, lat, height_m, technologies) or any OGR point layer.")
        var sites: String
        @Option(name: .long, help: "Folder for the rasters.") var output: String
        @Option(name: .long, help: "Area as min_lon,min_lat,max_lon,max_lat.") var bbox: String?
        @Option(name: .long, help: "Or: a boundary layer whose extent (plus --margin-km) is the area.") var boundaries:
            String?
        @Option(name: .long, help: "Layer name in --boundaries.") var layer: String?
        @Option(name: .long, help: "Margin around --boundaries in km.") var marginKm: Double = 5
        @Option(name: .long, help: "Cell size in metres.") var resolution: Double = 100
        @Option(name: .long, help: "Output CRS (default: the UTM zone of the area).") var crs: String?
        @Option(name: .long, help: "Random seed for shadowing.") var seed: UInt64 = 1
        @Option(name: .long, help: "Shadowing standard deviation, dB.") var sigmaDb: Double = 8
        @Option(name: .long, help: "Shadowing decorrelation distance, m.") var decorrelationM: Double = 500
        @Option(name: .long, help: "Hata environment: urban, suburban or rural.") var environment: String = "rural"
        @Option(
            name: .long,
            help: "DEM raster (any GDAL format and CRS): model terrain (ITU-R P.526 delta-Bullington) instead of Hata.")
        var dem: String?
        @Option(name: .long, help: "With --dem: the effective Earth radius factor k.") var kFactor: Double = 4.0 / 3.0
        @Option(name: .long, help: "With --dem: the farthest a site is modelled, km.") var rangeKm: Double = 30
        @Option(name: .long, help: "Worker threads (default: all cores).") var threads: Int?
        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard (bbox == nil) != (boundaries == nil) else {
                throw ValidationError("give exactly one of --bbox and --boundaries")
            }
            guard resolution > 0 else { throw ValidationError("--resolution must be positive") }
            guard kFactor > 0, kFactor.isFinite else { throw ValidationError("--k-factor must be positive") }
            guard rangeKm > 0, rangeKm <= 200 else { throw ValidationError("--range-km must be in (0, 200]") }
            guard PropagationModel.Environment(rawValue: environment) != nil else {
                throw ValidationError("--environment must be urban, suburban or rural")
            }
        }

        func run() throws {
            let logger = common.makeLogger()
            try Covgap.guarded(logger) {
                let box: Envelope
                if let bbox {
                    let v = bbox.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                    guard v.count == 4, v[0] < v[2], v[1] < v[3] else {
                        throw ValidationError("--bbox takes min_lon,min_lat,max_lon,max_lat")
                    }
                    box = Envelope(minX: v[0], maxX: v[2], minY: v[1], maxY: v[3])
                } else {
                    box = try LayerExtent.lonLatBox(path: boundaries!, layer: layer, marginKm: marginKm)
                }
                var s = SimulationSettings(sitesPath: sites, outputFolder: output, lonLatBox: box)
                s.resolutionMetres = resolution
                s.crs = crs
                s.seed = seed
                s.shadowingSigmaDb = sigmaDb
                s.decorrelationMetres = decorrelationM
                s.model.environment = PropagationModel.Environment(rawValue: environment)!
                s.demPath = dem
                s.kFactor = kFactor
                s.terrainRangeKm = rangeKm
                s.boundariesPath = boundaries
                s.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
                let started = Date()
                let written = try SimulationRun(settings: s, logger: logger, progress: common.makeProgress(logger))
                    .run()
                logger.info("simulated in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
                for w in written { print(w) }
            }
        }
    }
}
