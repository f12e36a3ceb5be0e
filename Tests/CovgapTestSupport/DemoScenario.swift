@testable import CovgapGrid
@testable import CovgapSimulate
import Foundation

/// The demo province (Điện Biên, 45 real communes) with its synthetic coverage simulated at 300 m once per test
/// process, shared by the cross-check and the service tests.
public enum DemoScenario {
    public static let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("geodata").path

    /// The demo's coverage simulated at 300 m, once per test process (the service tests use it too); read-only.
    public static let simulated: Result<String, Error> = Result {
        let f = try Fixture()
        simulationFolder.append(f)
        let box = try LayerExtent.lonLatBox(
            path: geodata + "/vn2025_communes_11_dien_bien.geojson", layer: nil, marginKm: 2)
        var s = SimulationSettings(
            sitesPath: geodata + "/sites_synthetic_dien_bien.csv", outputFolder: f.path("coverage"), lonLatBox: box)
        s.resolutionMetres = 300
        s.seed = 7
        s.threads = 2
        try SimulationRun(settings: s, logger: .init(label: "test")).run()
        return f.path("coverage")
    }
    nonisolated(unsafe) static var simulationFolder: [Fixture] = []

    /// Writes into `f` a config on the shared simulated coverage whose output is `out`.
    public static func prepare(_ f: Fixture) throws {
        let coverage = try simulated.get()
        var text = try String(contentsOfFile: geodata + "/demo.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "generated/coverage/", with: coverage + "/")
            .replacingOccurrences(of: "path: vn2025", with: "path: \(geodata)/vn2025")
            .replacingOccurrences(of: "path: worldpop", with: "path: \(geodata)/worldpop")
            .replacingOccurrences(of: "path: villages", with: "path: \(geodata)/villages")
            .replacingOccurrences(of: "path: sites_synthetic", with: "path: \(geodata)/sites_synthetic")
            .replacingOccurrences(of: "path: cables_synthetic", with: "path: \(geodata)/cables_synthetic")
            .replacingOccurrences(of: "output: ../out/dien-bien", with: "output: out")
            // Exact transforms, so nearest-neighbour warps must agree with gdalwarp -et 0 cell for cell.
            .replacingOccurrences(of: "warp_error_px: 0.125", with: "warp_error_px: 0")
        try text.write(toFile: f.path("config.yaml"), atomically: true, encoding: .utf8)
    }
}
