import Foundation

/// Runs the built `covgap` binary as a user would.
public enum CovgapCLI {
    /// The `covgap` the build made beside this test bundle (debug or release, whatever the triple), so the tests never
    /// run a stale binary from another configuration.
    public static let binary: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for dir in [runner.deletingLastPathComponent(), runner.deletingLastPathComponent().deletingLastPathComponent()]
        {
            let candidate = dir.appendingPathComponent("covgap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent(".build/debug/covgap").path
    }()

    public static func run(_ args: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        try ExternalTools.capture(binary, args)
    }
}
