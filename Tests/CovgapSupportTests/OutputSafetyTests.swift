import CovgapTestSupport
@testable import CovgapSupport
import Foundation
import Testing

/// Every byte under a folder: relative path → content hash (folders and links marked), for before/after comparisons.
enum FolderSnapshot {
    static func take(_ root: String) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return out }
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            let type = (try? fm.attributesOfItem(atPath: path)[.type] as? FileAttributeType) ?? .typeUnknown
            switch type {
            case .typeDirectory: out[relative] = "folder"
            case .typeSymbolicLink:
                out[relative] = "link → " + ((try? fm.destinationOfSymbolicLink(atPath: path)) ?? "?")
            default: out[relative] = SHA256.file(path) ?? "unreadable"
            }
        }
        return out
    }
}

/// One way of pointing a command's output at a path: what is there first, the command line, and the expected verdict.
struct OutputCase: Sendable, CustomStringConvertible {
    let description: String
    /// 0: the command may write there; 2: refused, with the folder unchanged.
    let exit: Int32
    let mentions: [String]
    /// Prepares the fixture (a finished 3×3 run is at `out/` already) and returns the arguments and the folder to
    /// watch.
    let prepare: @Sendable (Fixture) throws -> (arguments: [String], watched: String)
}

/// Nothing a user had at an output path is lost: each command writes only to a new path, an empty folder or its own
/// earlier output, through the real binary, with every byte of the folder compared before and after a refusal.
@Suite struct OutputSafetyTests {
    static let notes = "notes.txt"

    /// A user's folder with a document and a sub-folder.
    static func userFolder(_ f: Fixture, _ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: f.path(name + "/letters"), withIntermediateDirectories: true)
        try "quarter 3 notes\n".write(toFile: f.path(name + "/" + notes), atomically: true, encoding: .utf8)
        try "dear province\n".write(toFile: f.path(name + "/letters/a.txt"), atomically: true, encoding: .utf8)
        return f.path(name)
    }

    static func submission(_ f: Fixture) throws -> String {
        try ReviewFixture.submission(
            f, [ReviewFixture.row("00001", "Bản Một", "4G", "white", try ReviewFixture.lonLat(50, 450))])
    }

    static let cases: [OutputCase] = analyzeCases + otherCommandCases

    static let analyzeCases: [OutputCase] = [
        OutputCase(
            description: "analyze into the config's own folder (output: .)", exit: 2, mentions: ["holds the config"]
        ) { f in
            try Baseline.editConfig(f) { $0.replacingOccurrences(of: "output: out", with: "output: .") }
            return (["analyze", f.path("config.yaml")], f.dir.path)
        },
        OutputCase(description: "analyze --output the config's folder", exit: 2, mentions: ["holds the config"]) { f in
            (["analyze", f.path("config.yaml"), "--output", f.dir.path], f.dir.path)
        },
        OutputCase(
            description: "analyze into a folder that holds an input deeper down", exit: 2,
            mentions: ["holds the coverage a 4G input"]
        ) { f in
            try FileManager.default.createDirectory(atPath: f.path("inputs"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: f.path("a.tif"), toPath: f.path("inputs/a.tif"))
            try Baseline.editConfig(f) { $0.replacingOccurrences(of: "a.tif", with: "inputs/a.tif") }
            return (["analyze", f.path("config.yaml"), "--output", f.path("inputs")], f.path("inputs"))
        },
        OutputCase(description: "analyze into a link to the config's folder", exit: 2, mentions: ["holds the config"]) {
            f in
            try FileManager.default.createSymbolicLink(atPath: f.path("link"), withDestinationPath: f.dir.path)
            return (["analyze", f.path("config.yaml"), "--output", f.path("link")], f.dir.path)
        },
        OutputCase(
            description: "analyze into a folder of the user's documents", exit: 2,
            mentions: [notes, "is not an earlier output"]
        ) { f in
            (["analyze", f.path("config.yaml"), "--output", try userFolder(f, "docs")], f.path("docs"))
        },
        OutputCase(description: "analyze onto a regular file", exit: 2, mentions: ["is a file"]) { f in
            try "keep me".write(toFile: f.path("file"), atomically: true, encoding: .utf8)
            return (["analyze", f.path("config.yaml"), "--output", f.path("file")], f.path("file"))
        },
        OutputCase(
            description: "analyze into an earlier run with a file of the user's added", exit: 2, mentions: [notes]
        ) { f in
            try "mine".write(toFile: f.path("out/" + notes), atomically: true, encoding: .utf8)
            return (["analyze", f.path("config.yaml")], f.path("out"))
        },
        OutputCase(
            description: "analyze into an earlier run whose statistics the user edited", exit: 2,
            mentions: ["commune_stats.csv", "changed since"]
        ) { f in
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: f.path("out/commune_stats.csv")))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("edited\n".utf8))
            try handle.close()
            return (["analyze", f.path("config.yaml")], f.path("out"))
        },
        OutputCase(
            description: "analyze again after QGIS wrote statistics beside a raster of the run", exit: 0, mentions: []
        ) { f in
            try "<PAMDataset/>".write(
                toFile: f.path("out/coverage_bits.tif.aux.xml"), atomically: true, encoding: .utf8)
            return (["analyze", f.path("config.yaml")], f.path("out"))
        },
        OutputCase(
            description: "analyze into an earlier run holding statistics of a raster it did not write", exit: 2,
            mentions: ["mine.tif.aux.xml"]
        ) { f in
            try "<PAMDataset/>".write(toFile: f.path("out/mine.tif.aux.xml"), atomically: true, encoding: .utf8)
            return (["analyze", f.path("config.yaml")], f.path("out"))
        },
        OutputCase(
            description: "analyze again while LibreOffice has the run's workbook open", exit: 2,
            mentions: [".~lock.commune_stats.csv#", "commune_stats.csv is open in LibreOffice or Excel", "close"]
        ) { f in
            try "lock".write(toFile: f.path("out/.~lock.commune_stats.csv#"), atomically: true, encoding: .utf8)
            return (["analyze", f.path("config.yaml")], f.path("out"))
        },
        OutputCase(description: "analyze into an earlier review's folder", exit: 2, mentions: ["covgap analyze"]) { f in
            _ = try CovgapCLI.run(["review", f.path("out"), try submission(f), "--output", f.path("rev")])
            return (["analyze", f.path("config.yaml"), "--output", f.path("rev")], f.path("rev"))
        },
        OutputCase(description: "analyze into an empty folder", exit: 0, mentions: []) { f in
            try FileManager.default.createDirectory(atPath: f.path("empty"), withIntermediateDirectories: true)
            return (["analyze", f.path("config.yaml"), "--output", f.path("empty")], f.path("empty"))
        },
        OutputCase(
            description: "analyze again over its earlier run holding a review and work orders", exit: 0, mentions: []
        ) { f in
            _ = try CovgapCLI.run(["review", f.path("out"), try submission(f)])
            _ = try CovgapCLI.run(["workorders", f.path("out")])
            return (["analyze", f.path("config.yaml")], f.path("out"))
        },
    ]

    static let otherCommandCases: [OutputCase] = [
        OutputCase(description: "review --output the run itself", exit: 2, mentions: ["the run input"]) { f in
            (["review", f.path("out"), try submission(f), "--output", f.path("out")], f.path("out"))
        },
        OutputCase(
            description: "review --output the folder holding the submission", exit: 2,
            mentions: ["holds the submission input"]
        ) { f in
            let s = try submission(f)
            try FileManager.default.createDirectory(atPath: f.path("subs"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: s, toPath: f.path("subs/s.csv"))
            return (["review", f.path("out"), f.path("subs/s.csv"), "--output", f.path("subs")], f.path("subs"))
        },
        OutputCase(description: "review --output a user's folder", exit: 2, mentions: [notes]) { f in
            (["review", f.path("out"), try submission(f), "--output", try userFolder(f, "docs")], f.path("docs"))
        },
        OutputCase(description: "review again over its earlier output", exit: 0, mentions: []) { f in
            _ = try CovgapCLI.run(["review", f.path("out"), try submission(f)])
            return (["review", f.path("out"), try submission(f)], f.path("out/review_11"))
        },
        OutputCase(description: "workorders --output a user's folder", exit: 2, mentions: [notes]) { f in
            (["workorders", f.path("out"), "--output", try userFolder(f, "docs")], f.path("docs"))
        },
        OutputCase(description: "workorders --output the run", exit: 2, mentions: ["the run input"]) { f in
            (["workorders", f.path("out"), "--output", f.path("out")], f.path("out"))
        },
        OutputCase(description: "diff --output the first run", exit: 2, mentions: ["the first run input"]) { f in
            try FileManager.default.copyItem(atPath: f.path("out"), toPath: f.path("out2"))
            return (["diff", f.path("out"), f.path("out2"), "--output", f.path("out")], f.path("out"))
        },
        OutputCase(description: "diff --output a user's folder", exit: 2, mentions: [notes]) { f in
            try FileManager.default.copyItem(atPath: f.path("out"), toPath: f.path("out2"))
            return (["diff", f.path("out"), f.path("out2"), "--output", try userFolder(f, "docs")], f.path("docs"))
        },
        OutputCase(description: "simulate --output a user's folder", exit: 2, mentions: [notes]) { f in
            try sites(f)
            return (simulate(f, into: try userFolder(f, "docs")), f.path("docs"))
        },
        OutputCase(
            description: "simulate --output the folder holding the sites", exit: 2, mentions: ["holds the sites input"]
        ) { f in
            try sites(f)
            return (simulate(f, into: f.dir.path), f.dir.path)
        },
        OutputCase(description: "simulate again over its earlier output", exit: 0, mentions: []) { f in
            try sites(f)
            _ = try CovgapCLI.run(simulate(f, into: f.path("sim")))
            return (simulate(f, into: f.path("sim")), f.path("sim"))
        },
        OutputCase(description: "serve with data_dir a user's folder", exit: 2, mentions: [notes, "data_dir"]) { f in
            let docs = try userFolder(f, "docs")
            try "data_dir: \(docs)\n".write(toFile: f.path("serve.yaml"), atomically: true, encoding: .utf8)
            return (["serve", "token", "list", "--config", f.path("serve.yaml")], docs)
        },
        OutputCase(
            description: "serve with data_dir the folder of its own config", exit: 2,
            mentions: ["serve.yaml", "data_dir"]
        ) { f in
            try FileManager.default.createDirectory(atPath: f.path("srv"), withIntermediateDirectories: true)
            try "data_dir: .\n".write(toFile: f.path("srv/serve.yaml"), atomically: true, encoding: .utf8)
            return (["serve", "token", "list", "--config", f.path("srv/serve.yaml")], f.path("srv"))
        },
    ]

    static func sites(_ f: Fixture) throws {
        try "site_id,carrier,lon,lat,height_m,technologies\nS1,a,103.6,20.0,30,4G\n"
            .write(toFile: f.path("sites.csv"), atomically: true, encoding: .utf8)
    }

    static func simulate(_ f: Fixture, into folder: String) -> [String] {
        [
            "simulate", "--sites", f.path("sites.csv"), "--bbox", "103.59,19.99,103.61,20.01", "--resolution", "200",
            "--output", folder,
        ]
    }

    /// Lock files name the workbook they stand for; other files are not locks.
    @Test func lockFilesNameTheirWorkbook() {
        #expect(OutputGuard.lockedOutput(".~lock.coverage.xlsx#") == "coverage.xlsx")
        #expect(OutputGuard.lockedOutput("workorders/.~lock.workorders.xlsx#") == "workorders/workorders.xlsx")
        #expect(OutputGuard.lockedOutput("~$verage.xlsx") == "…verage.xlsx")
        #expect(OutputGuard.lockedOutput("notes.txt") == nil && OutputGuard.lockedOutput(".~lock.x") == nil)
    }

    @Test(arguments: cases) func keepsWhatTheUserHad(_ c: OutputCase) throws {
        let f = try Fixture()
        try ReviewFixture.makeRun(f)
        let (arguments, watched) = try c.prepare(f)
        let before = FolderSnapshot.take(watched)
        let r = try CovgapCLI.run(arguments)
        #expect(r.code == c.exit, "\(c): exit \(r.code), stderr: \(r.stderr)")
        for m in c.mentions { #expect(r.stderr.contains(m), "\(c): stderr lacks '\(m)': \(r.stderr)") }
        if c.exit != 0 {
            #expect(FolderSnapshot.take(watched) == before, "\(c): the folder changed")
            #expect(r.stderr.contains("nothing was"), "\(c): \(r.stderr)")
        }
        // No staging folder is ever left beside the target.
        let siblings =
            (try? FileManager.default.contentsOfDirectory(
                atPath: URL(fileURLWithPath: watched).deletingLastPathComponent().path)) ?? []
        #expect(!siblings.contains { $0.contains(".partial-") }, "\(c): \(siblings)")
    }
}
