import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// manifest.json: what produced a run folder (tool and library versions, resolved config, inputs with SHA-256, grid,
/// counts, timings).
public struct Manifest: Codable {
    static let fileName = "manifest.json"

    public struct Input: Codable, Sendable { let role: String; let path: String; let sha256: String? }
    struct Grid: Codable {
        let crsWKT: String; let geoTransform: [Double]; let width: Int; let height: Int; let resolutionMetres: Double
    }

    let tool: String
    let version: String
    /// Which command wrote the folder, and every file it holds: how a later run knows it may replace the folder.
    let command: OutputCommand
    let outputs: [OutputFile]
    let gdal: String
    let proj: String
    let config: CovgapConfig
    let inputs: [Input]
    let grid: Grid
    let summary: AnalysisSummary

    /// Every input of `config` as the output guard needs it: the config itself and each file it names.
    public static func guardInputs(of config: CovgapConfig) -> [OutputGuard.Input] {
        var inputs = [
            OutputGuard.Input(role: "config", path: config.configPath),
            OutputGuard.Input(role: "boundaries", path: config.boundaries.path),
        ]
        inputs += config.coverage.map {
            OutputGuard.Input(role: "coverage \($0.carrier) \($0.technology.rawValue)", path: $0.path)
        }
        if let p = config.population { inputs.append(.init(role: "population", path: p.path)) }
        if let v = config.villages { inputs.append(.init(role: "villages", path: v.path)) }
        if let s = config.sites { inputs.append(.init(role: "sites", path: s.path)) }
        if let u = config.sharing.undergrounding { inputs.append(.init(role: "cable routes", path: u.path)) }
        return inputs
    }

    /// Every input file of `config` with its role and SHA-256 (nil where it cannot be read).
    public static func inputs(of config: CovgapConfig) -> [Input] {
        var inputs = [
            Input(role: "config", path: config.configPath, sha256: SHA256.file(config.configPath)),
            Input(role: "boundaries", path: config.boundaries.path, sha256: SHA256.file(config.boundaries.path)),
        ]
        inputs += config.coverage.map {
            Input(role: "coverage \($0.carrier) \($0.technology.rawValue)", path: $0.path, sha256: SHA256.file($0.path))
        }
        if let p = config.population {
            inputs.append(Input(role: "population", path: p.path, sha256: SHA256.file(p.path)))
        }
        if let v = config.villages { inputs.append(Input(role: "villages", path: v.path, sha256: SHA256.file(v.path))) }
        if let s = config.sites { inputs.append(Input(role: "sites", path: s.path, sha256: SHA256.file(s.path))) }
        if let u = config.sharing.undergrounding {
            inputs.append(Input(role: "cable routes", path: u.path, sha256: SHA256.file(u.path)))
        }
        return inputs
    }

    /// `inputs` with their paths relative to the run folder `run`, as the manifest writes them.
    public static func relative(
        _ inputs: [Input], run: String
    ) -> [(role: String, path: String, sha256: String?)] {
        let base = URL(fileURLWithPath: run).standardizedFileURL.path
        return inputs.map { ($0.role, RelativePath.of($0.path, from: base), $0.sha256) }
    }

    /// Writes manifest.json; `inputs` as `inputs(of:)` gives them (hashed while other work runs). Every path is
    /// written relative to the run folder (`config.output`), so the run and its inputs can move together.
    public static func write(
        config: CovgapConfig, grid: AnalysisGrid, summary: AnalysisSummary, inputs: [Input], outputs: [OutputFile],
        to path: String
    ) throws {
        let run = URL(fileURLWithPath: config.output).standardizedFileURL.path
        let m = Manifest(
            tool: "covgap", version: CovgapVersion.string, command: .analyze, outputs: outputs,
            gdal: GDALRuntime.version, proj: GDALRuntime.projVersion,
            config: config.mappingPaths { RelativePath.of($0, from: run) },
            inputs: relative(inputs, run: run).map { Input(role: $0.role, path: $0.path, sha256: $0.sha256) },
            grid: Grid(
                crsWKT: grid.crsWKT, geoTransform: grid.geoTransform.coefficients, width: grid.width,
                height: grid.height, resolutionMetres: grid.resolutionMetres),
            summary: summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(m).write(to: URL(fileURLWithPath: path))
    }
}
