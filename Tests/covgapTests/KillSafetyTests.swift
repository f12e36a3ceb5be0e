import CovgapTestSupport
import Foundation
import Testing

/// SIGKILL during `covgap analyze` must leave the output path holding nothing or the previous complete run, and the
/// next run must succeed. 20 kills spread over a run (debug build, demo-sized, several seconds long).
@Suite(.serialized) struct KillSafetyTests {
    static func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name != "manifest.json" {
            out[name] = FileManager.default.contents(atPath: dir + "/" + name)
        }
        return out
    }

    /// Starts `covgap analyze` and kills it with SIGKILL after `delay` seconds (or lets it finish first).
    static func killRun(_ config: String, after delay: Double) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CovgapCLI.binary)
        p.arguments = ["analyze", config, "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    @Test func killedRunsNeverLeaveAPartialOutput() throws {
        let f = try Fixture()
        try DemoScenario.prepare(f)
        // The core analysis only (no sharing or work-order sections): the staging and swap are the same for every
        // output, and a shorter run keeps this test's 20 kills within CI's time.
        let full = try String(contentsOfFile: f.path("config.yaml"), encoding: .utf8)
        try String(full[..<(full.range(of: "\nsites:")?.lowerBound ?? full.endIndex)]).write(
            toFile: f.path("config.yaml"), atomically: true, encoding: .utf8)
        let config = f.path("config.yaml"), out = f.path("out")
        // No earlier run: a killed run leaves nothing at the output path.
        for delay in [0.1, 0.6, 1.2] {
            try KillSafetyTests.killRun(config, after: delay)
            #expect(!FileManager.default.fileExists(atPath: out), "killed after \(delay) s with no earlier run")
        }
        let started = Date()
        let first = try CovgapCLI.run(["analyze", config, "--quiet"])
        let duration = Date().timeIntervalSince(started)
        #expect(first.code == 0, "\(first.stderr)")
        let reference = KillSafetyTests.files(out)
        #expect(reference["commune_stats.csv"] != nil && reference["dead_zones.geojson"] != nil)
        // With a complete run in place: 17 kills spread over a whole run, including its writing and swapping.
        for i in 0..<17 {
            let delay = 0.05 + duration * Double((i * 7) % 17) / 16
            try KillSafetyTests.killRun(config, after: delay)
            #expect(
                FileManager.default.fileExists(atPath: out + "/manifest.json"),
                "kill \(i) after \(delay) s: no complete run left")
            #expect(
                KillSafetyTests.files(out) == reference,
                "kill \(i) after \(delay) s: output differs from the complete run")
        }
        // The next run succeeds and sweeps the killed runs' staging folders.
        let r = try CovgapCLI.run(["analyze", config, "--quiet"])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(KillSafetyTests.files(out) == reference)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.dir.path).filter {
            $0.contains(".partial-")
        }
        #expect(leftovers.isEmpty, "staging folders left: \(leftovers)")
    }
}
