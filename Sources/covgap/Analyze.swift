import ArgumentParser
import CovgapAnalyze
import CovgapModel
import CovgapReport
import Foundation

extension Covgap {
    /// `covgap analyze CONFIG`: per-commune statistics and dead-zone polygons.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyze coverage rasters against commune boundaries.")

        @Argument(help: "The YAML config file.") var config: String
        @Option(name: .long, help: "Worker threads (default: all cores).") var threads: Int?
        @Option(name: .long, help: "Output folder (overrides the config's output).") var output: String?
        @Flag(name: .long, help: "Print the run summary as JSON on stdout.") var json = false
        @Option(name: .long, help: "Language of report.html: vi or en.") var lang: ReportLanguage = .vi
        @OptionGroup var common: CommonOptions

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            let logger = common.makeLogger()
            try Covgap.guarded(logger) {
                var cfg = try ConfigLoader.load(path: config)
                if let output { cfg.output = URL(fileURLWithPath: output).standardizedFileURL.path }
                let summary = try AnalysisRun(
                    config: cfg, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, logger: logger,
                    progress: common.makeProgress(logger), language: lang
                ).run()
                try Covgap.emit(summary, text: SummaryText.render(summary), json: json)
            }
        }
    }
}

/// `--lang vi` or `--lang en`; anything else is refused by the parser, which lists the two.
extension ReportLanguage: ExpressibleByArgument {}

/// The short human summary printed after a run.
enum SummaryText {
    static func render(_ s: AnalysisSummary) -> String {
        var lines = ["communes: \(s.communes)  grid: \(s.gridWidth) × \(s.gridHeight) cells"]
        for scope in ["3G", "4G", "ANY"] where s.deadZones[scope] != nil {
            lines.append(
                String(
                    format: "%@: %d dead zones; %.2f km² and %.0f people covered by no carrier", scope,
                    s.deadZones[scope]!, s.notspotKm2[scope] ?? 0, s.notspotPopulation[scope] ?? 0))
        }
        if let sh = s.sharing {
            if !sh.partialNotspots.isEmpty {
                let remedies =
                    sh.remedies.isEmpty
                    ? ""
                    : "; remedies: colocate \(sh.remedies["colocate"] ?? 0), roaming \(sh.remedies["roaming"] ?? 0)"
                lines.append(
                    "partial not-spots: "
                        + ["3G", "4G", "ANY"].compactMap { t in sh.partialNotspots[t].map { "\(t) \($0)" } }
                        .joined(separator: ", ") + remedies)
            }
            if sh.sites > 0 {
                lines.append(
                    "co-location clusters: \(sh.colocationClusters) (\(sh.sitesInClusters) of \(sh.sites) sites)")
            }
            if let m = sh.sharedSites {
                lines.append(
                    String(
                        format: "shared %@ masts: %d reach %.0f of the %.0f people in dead zones (%.0f left)",
                        m.technology, m.masts,
                        m.peopleCoveredByMasts, m.deadZonePeople, m.peopleLeftInDeadZones))
                if let d = m.discPlan {
                    lines.append(
                        String(
                            format: "  over terrain; %d disc masts (%.2f km, terrain not modelled) would claim %.0f "
                                + "people, of whom the terrain model reaches %.0f (%.0f%% not reached)",
                            d.masts, d.radiusKm, d.claimedPeople, d.reachedOverTerrainPeople, 100 * d.notReachedShare))
                }
            }
            if let u = sh.undergrounding {
                lines.append(
                    String(
                        format: "undergrounding: %d corridors, %.1f of %.1f km of aerial cable", u.corridors,
                        u.candidateKm, u.aerialKm))
            }
        }
        lines.append("outputs: \(s.output)")
        return lines.joined(separator: "\n")
    }
}
