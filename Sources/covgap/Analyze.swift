import ArgumentParser
import CovgapCore
import Foundation

extension Covgap {
    /// `covgap analyze CONFIG`: per-commune statistics and dead-zone polygons.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Analyze coverage rasters against commune boundaries.")

        @Argument(help: "The YAML config file.") var config: String
        @Option(name: .long, help: "Worker threads (default: all cores).") var threads: Int?
        @Option(name: .long, help: "Output folder (overrides the config's output).") var output: String?
        @Flag(name: .long, help: "Print the run summary as JSON on stdout.") var json = false
        @Option(name: .long, help: "Language of report.html: vi or en.") var lang: String = "vi"
        @OptionGroup var common: CommonOptions

        func validate() throws {
            if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be vi or en") }
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            let logger = common.makeLogger()
            try Covgap.guarded(logger) {
                var cfg = try ConfigLoader.load(path: config)
                if let output { cfg.output = URL(fileURLWithPath: output).standardizedFileURL.path }
                let summary = try AnalysisRun(config: cfg, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, logger: logger,
                                              progress: common.makeProgress(logger), language: ReportLanguage(rawValue: lang)!).run()
                if json {
                    let enc = JSONEncoder()
                    enc.outputFormatting = [.sortedKeys, .prettyPrinted]
                    print(String(decoding: try enc.encode(summary), as: UTF8.self))
                } else {
                    print(SummaryText.render(summary))
                }
            }
        }
    }
}

/// The short human summary printed after a run.
enum SummaryText {
    static func render(_ s: AnalysisSummary) -> String {
        var lines = ["communes: \(s.communes)  grid: \(s.gridWidth) × \(s.gridHeight) cells"]
        for scope in ["3G", "4G", "ANY"] where s.deadZones[scope] != nil {
            lines.append(String(format: "%@: %d dead zones; %.2f km² and %.0f people covered by no carrier", scope,
                                s.deadZones[scope]!, s.notspotKm2[scope] ?? 0, s.notspotPopulation[scope] ?? 0))
        }
        lines.append("outputs: \(s.output)")
        return lines.joined(separator: "\n")
    }
}
