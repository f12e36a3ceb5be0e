import ArgumentParser
import CovgapInspect
import CovgapModel
import Foundation

extension Covgap {
    /// `covgap inspect CONFIG`: describe the inputs and find problems before a run, writing nothing.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe a config's inputs and check them as analyze would, without writing anything.",
            discussion: "Exit code 0 when analyze could run, 2 when it would refuse (every problem is listed).")

        @Argument(help: "The YAML config file.") var config: String
        @Option(name: .long, help: "Threads a run would use (for the memory estimate).") var threads: Int?
        @Flag(name: .long, help: "Print the report as JSON.") var json = false
        @Flag(
            name: .long,
            help: "Read every block of every raster, not only where the grid reaches (finds damage anywhere).")
        var deep = false
        @OptionGroup var common: CommonOptions

        func run() throws {
            let logger = common.makeLogger()
            var failed = false
            try Covgap.guarded(logger) {
                let cfg = try ConfigLoader.load(path: config)
                let report = Inspector(
                    config: cfg, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, deep: deep
                ).run()
                if json {
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try e.encode(report), as: UTF8.self))
                } else {
                    print(report.text)
                }
                failed = !report.errors.isEmpty
            }
            if failed { throw ExitCode(2) }
        }
    }
}
