import Foundation

/// What a finished run offers the intake service: its carriers, its provinces, and which carriers have work orders.
/// Reading it checks that the folder is a complete run (as `covgap review` does).
public struct RunDescription: Sendable, Codable, Equatable {
    /// The run folder, absolute.
    public let path: String
    /// SHA-256 of manifest.json: a run rewritten on disk after publishing is noticed.
    public let manifestSHA256: String
    /// The run's carriers, in config order.
    public let carriers: [String]
    /// Province code → name, for the provinces the run's communes belong to.
    public let provinces: [String: String]
    /// Carriers with a `workorders/<carrier>.geojson` file.
    public let workOrderCarriers: [String]

    enum CodingKeys: String, CodingKey {
        case path, manifestSHA256 = "manifest_sha256", carriers, provinces, workOrderCarriers = "work_order_carriers"
    }

    /// A description as stored by the intake service.
    public init(path: String, manifestSHA256: String, carriers: [String], provinces: [String: String], workOrderCarriers: [String]) {
        self.path = path
        self.manifestSHA256 = manifestSHA256
        self.carriers = carriers
        self.provinces = provinces
        self.workOrderCarriers = workOrderCarriers
    }

    /// Reads the run at `path`; throws `InputError` when it is missing, incomplete or from another covgap version.
    public static func read(path: String) throws -> RunDescription {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let run = try RunFolder(path: absolute)
        guard let sha = manifestSHA256(runPath: absolute) else {
            throw InputError(file: absolute, problem: "manifest.json cannot be read")
        }
        var provinces: [String: String] = [:]
        for c in run.communes { provinces[c.provinceCode] = c.provinceName }
        let withOrders = run.carriers.filter { FileManager.default.fileExists(atPath: "\(absolute)/workorders/\($0).geojson") }
        return RunDescription(path: absolute, manifestSHA256: sha, carriers: run.carriers, provinces: provinces, workOrderCarriers: withOrders)
    }

    /// SHA-256 of the run's manifest.json as it is on disk now; nil when unreadable.
    public static func manifestSHA256(runPath: String) -> String? {
        SHA256.file(runPath + "/" + Manifest.fileName)
    }
}
