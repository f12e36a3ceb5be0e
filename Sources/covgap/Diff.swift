import ArgumentParser
import CovgapPlanning
import Foundation

extension Covgap {
    /// `covgap diff RUN_A RUN_B`: what changed between two runs (a quarter and the next, or a what-if).
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Compare two finished runs: dead zones closed, shrunk, grown and new; work orders closed and open; "
                + "covered area and people.",
            discussion:
                "Writes RUN_B/diff/ (or --output): diff.csv (per commune and technology), diff.geojson (per zone), "
                + "workorders_diff.csv, summary.json, summary.txt."
        )

        @Argument(help: ArgumentHelp("The earlier run.", valueName: "run-a")) var runA: String
        @Argument(help: ArgumentHelp("The later run.", valueName: "run-b")) var runB: String
        @Option(name: .long, help: "Output folder (default: RUN_B/diff).") var output: String?
        @Flag(name: .long, help: "Print the summary as JSON.") var json = false
        @OptionGroup var common: CommonOptions

        func run() throws {
            let logger = common.makeLogger()
            try Covgap.guarded(logger) {
                func absolute(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
                let summary = try RunDiff(
                    pathA: absolute(runA), pathB: absolute(runB), outputPath: output.map(absolute), logger: logger
                ).run()
                try Covgap.emit(summary, text: summary.text, json: json)
            }
        }
    }
}
