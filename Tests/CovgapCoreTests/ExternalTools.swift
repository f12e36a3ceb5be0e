import Foundation

/// Runs an outside program (GDAL's command-line tools, Python) for independent cross-checks.
enum ExternalTools {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs `command` with `arguments` found on PATH; returns stdout, throws with stderr on a non-zero exit.
    @discardableResult
    static func run(_ command: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [command] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "\(command) \(arguments.joined(separator: " ")) failed: \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
