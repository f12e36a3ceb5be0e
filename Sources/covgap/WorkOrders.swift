import ArgumentParser
import CovgapModel
import CovgapPlanning
import Foundation

extension Covgap {
    /// `covgap workorders RUN`: hand each dead zone, village, confirmed review row and shared mast to one carrier.
    struct WorkOrders: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workorders",
            abstract:
                "Assign a finished run's dead zones, villages, review rows and shared masts to carriers as work "
                + "orders.",
            discussion: """
                Writes RUN/workorders/ (or --output): <carrier>.geojson (RFC 7946), workorders.csv, \
                assignment_summary.csv, summary.json, summary.txt. Settings come from the run's config \
                (workorders: section) unless --config names another.
                """)

        @Argument(help: ArgumentHelp("A finished covgap analyze output folder.", valueName: "run")) var runFolder:
            String
        @Option(
            name: .long, parsing: .upToNextOption,
            help: "covgap review output folders whose confirmed rows become items.")
        var reviews: [String] = []
        @Option(name: .long, help: "A config file whose workorders: section replaces the run's.") var config: String?
        @Option(name: .long, help: "Output folder (default: RUN/workorders).") var output: String?
        @Flag(name: .long, help: "Print the summary as JSON.") var json = false
        @OptionGroup var common: CommonOptions

        func run() throws {
            let logger = common.makeLogger()
            try Covgap.guarded(logger) {
                let settings = try config.map { try ConfigLoader.load(path: $0).workOrders }
                func absolute(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
                let summary = try WorkOrderRun(
                    runPath: absolute(runFolder), reviewFolders: reviews.map(absolute),
                    outputPath: output.map(absolute), settings: settings, logger: logger
                ).run()
                try Covgap.emit(summary, text: summary.text, json: json)
            }
        }
    }
}
