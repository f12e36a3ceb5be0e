import ArgumentParser
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// The covgap command line: telecom coverage-gap analysis.
@main
struct Covgap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covgap",
        abstract:
            "Telecom coverage-gap analysis: dead zones (vùng lõm sóng), partial not-spots and per-commune coverage.",
        version: CovgapVersion.string,
        subcommands: [Analyze.self, Inspect.self, Review.self, WorkOrders.self, Diff.self, Simulate.self, Serve.self])

    /// Runs a subcommand body, mapping errors to exit codes: 2 for bad input, 1 for internal faults.
    /// Prints a command's summary on stdout: as sorted, indented JSON with `--json`, else its text.
    static func emit<T: Encodable>(_ summary: T, text: String, json: Bool) throws {
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try e.encode(summary), as: UTF8.self))
        } else {
            print(text)
        }
    }

    static func guarded(_ logger: Logger, _ body: () throws -> Void) throws {
        do { try body() } catch let e as InputError {
            logger.error("\(e.description)")
            throw ExitCode(2)
        } catch let e as OutputSpaceError {
            logger.error("\(e.description). Free space or choose another output folder; nothing was left behind")
            throw ExitCode(1)
        } catch let e as GDALError {
            logger.error("\(e.description)")
            throw ExitCode(2)
        } catch let e as ExitCode {
            throw e
        } catch {
            logger.error("internal error: \(error)")
            throw ExitCode(1)
        }
    }
}

extension CommonOptions {
    /// A bar on a terminal, a log line every COVGAP_PROGRESS_SECONDS (default 10) elsewhere, nothing with --quiet.
    func makeProgress(_ logger: Logger) -> ProgressMeter {
        if quiet { return .silent }
        if SystemCalls.standardErrorIsTerminal { return ProgressMeter(style: .bar) { _ in } }
        let interval = Double(ProcessInfo.processInfo.environment["COVGAP_PROGRESS_SECONDS"] ?? "") ?? 10
        return ProgressMeter(style: .lines, interval: interval) { logger.info("\($0)") }
    }
}

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Flag(name: .long, help: "Only errors on stderr.") var quiet = false
    @Flag(name: .long, help: "Debug logging, including GDAL's messages.") var verbose = false

    /// A stderr logger at the chosen level, with GDAL's messages routed into it.
    func makeLogger() -> Logger {
        SystemCalls.returnLargeBuffersToTheSystem()
        let level: Logger.Level = quiet ? .error : (verbose ? .debug : .info)
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let logger = Logger(label: "covgap")
        GDALRuntime.initialize { lvl, code, message in
            let l = Logger(label: "gdal")
            switch lvl {
            case .warning: l.warning("GDAL: \(message)")
            case .debug, .failure: l.debug("GDAL(\(code)): \(message)")
            }
        }
        return logger
    }
}
