import Foundation

/// Runs an outside program (GDAL's command-line tools, Python) for independent cross-checks.
public enum ExternalTools {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `executable` with `arguments`; returns the exit code and both outputs. A run longer than `timeout` seconds
    /// is killed and reported as a failure (no case may hang).
    public static func capture(
        _ executable: String, _ arguments: [String], timeout: Double = 120,
        environment: [String: String] = [:]
    ) throws -> (code: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let pid = p.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        guard !(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL) else {
            throw Failure(
                description: "\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s"
            )
        }
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Runs `command` found on PATH; returns stdout, throws with stderr on a non-zero exit.
    @discardableResult
    public static func run(_ command: String, _ arguments: [String]) throws -> String {
        let r = try capture("/usr/bin/env", [command] + arguments)
        guard r.code == 0 else {
            throw Failure(description: "\(command) \(arguments.joined(separator: " ")) failed: \(r.stderr)")
        }
        return r.stdout
    }
}
