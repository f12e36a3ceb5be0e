import ArgumentParser
import CovgapReview
import Foundation

extension Covgap {
    /// `covgap review RUN SUBMISSION`: validate and reconcile a province's dead-zone submission against a run.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a province's dead-zone submission and reconcile it with a finished run.",
            discussion:
                "Writes RUN/review_<province>/ (or --output): rejected.csv, reconciled.csv, reconciled.geojson, "
                + "unreported.csv, summary.json, summary.txt."
        )

        @Argument(help: ArgumentHelp("A finished covgap analyze output folder.", valueName: "run")) var runFolder:
            String
        @Argument(help: "The submission: CSV with lon/lat columns, or GeoJSON of points or polygons.") var submission:
            String
        @Option(name: .long, help: "Province under review (default: the one most rows name).") var province: String?
        @Option(name: .long, help: "Output folder (default: RUN/review_<province>).") var output: String?
        @Option(name: .long, help: "How far outside its named commune a point may lie, m.") var communeToleranceM:
            Double = 200
        @Option(name: .long, help: "Rows of one technology closer than this are duplicates, m.") var duplicateM:
            Double = 50
        @Option(name: .long, help: "A row matches a model village or dead zone within this distance, m.") var matchM:
            Double = 500
        @Option(name: .long, help: "Dead zones with fewer people are not listed as unreported.") var minPopulation:
            Int = 50
        @Flag(name: .long, help: "Print the summary as JSON.") var json = false
        @OptionGroup var common: CommonOptions

        func run() throws {
            let logger = common.makeLogger()
            try Covgap.guarded(logger) {
                var s = ReviewSettings()
                s.province = province
                s.communeToleranceMetres = communeToleranceM
                s.duplicateMetres = duplicateM
                s.matchMetres = matchM
                s.minPopulation = minPopulation
                let summary = try ReviewRun(
                    runPath: URL(fileURLWithPath: runFolder).standardizedFileURL.path, submissionPath: submission,
                    outputPath: output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, settings: s,
                    logger: logger
                ).run()
                try Covgap.emit(summary, text: summary.text, json: json)
            }
        }
    }
}
