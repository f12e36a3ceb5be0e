import CovgapSupport
import Foundation
import GDALBridge

/// What a finished run offers the intake service: its carriers, its provinces, and which carriers have work orders.
/// Reading it checks that the folder is a complete run (as `covgap review` does).
public struct RunDescription: Sendable, Codable, Equatable {
    /// Decodes a stored description; one stored before `files` existed decodes with none.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try c.decode(String.self, forKey: .path),
            manifestSHA256: try c.decode(String.self, forKey: .manifestSHA256),
            carriers: try c.decode([String].self, forKey: .carriers),
            provinces: try c.decode([String: String].self, forKey: .provinces),
            workOrderCarriers: try c.decode([String].self, forKey: .workOrderCarriers),
            files: try c.decodeIfPresent([OutputFile].self, forKey: .files) ?? [],
            workOrderAreaCarriers: try c.decodeIfPresent([String].self, forKey: .workOrderAreaCarriers) ?? [],
            carrierNames: try c.decodeIfPresent([String: String].self, forKey: .carrierNames) ?? [:])
    }

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
    /// Every file of the run the service reads or serves, with its size and SHA-256 when it was published (paths
    /// relative to the run folder); empty for runs published before covgap recorded them.
    public let files: [OutputFile]
    /// Carriers with a `workorders/<carrier>_areas.geojson` file (the dead-zone polygons of their orders); empty for
    /// runs published before covgap wrote them.
    public let workOrderAreaCarriers: [String]
    /// Carrier id → the name people read (the run's `carrier_names`, else the known spelling); empty for runs
    /// published before it was recorded (then the id is shown).
    public let carrierNames: [String: String]

    /// The name people read for carrier `id`.
    public func displayName(_ id: String) -> String { carrierNames[id] ?? id }

    enum CodingKeys: String, CodingKey {
        case path
        case manifestSHA256 = "manifest_sha256"
        case carriers, provinces
        case workOrderCarriers = "work_order_carriers"
        case files
        case workOrderAreaCarriers = "work_order_area_carriers"
        case carrierNames = "carrier_names"
    }

    /// A description as stored by the intake service.
    public init(
        path: String, manifestSHA256: String, carriers: [String], provinces: [String: String],
        workOrderCarriers: [String], files: [OutputFile] = [], workOrderAreaCarriers: [String] = [],
        carrierNames: [String: String] = [:]
    ) {
        self.path = path
        self.manifestSHA256 = manifestSHA256
        self.carriers = carriers
        self.provinces = provinces
        self.workOrderCarriers = workOrderCarriers
        self.files = files
        self.workOrderAreaCarriers = workOrderAreaCarriers
        self.carrierNames = carrierNames
    }

    /// The files a review reads from every run.
    static let reviewFiles = [Manifest.fileName, "coverage.gpkg", RunRasters.bitsFile, RunRasters.communesFile]

    /// Reads the run at `path`; throws `InputError` when it is missing, incomplete, from another covgap version, or
    /// when a file differs from what the command that wrote it recorded in its manifest.
    public static func read(path: String) throws -> RunDescription {
        let run = try RunFolder(path: URL(fileURLWithPath: path).standardizedFileURL.path)
        let absolute = run.path
        guard let sha = manifestSHA256(runPath: absolute) else {
            throw InputError(file: absolute, problem: "manifest.json cannot be read")
        }
        var provinces: [String: String] = [:]
        for c in run.communes { provinces[c.provinceCode] = c.provinceName }
        let withOrders = run.carriers.filter {
            SystemCalls.entryKind("\(absolute)/workorders/\($0).geojson") != .missing
        }
        let withAreas = withOrders.filter {
            SystemCalls.entryKind("\(absolute)/workorders/\($0)_areas.geojson") != .missing
        }
        let names =
            reviewFiles + withOrders.map { "workorders/\($0).geojson" }
            + withAreas.map { "workorders/\($0)_areas.geojson" }
        let files = try names.map { name -> OutputFile in
            let file = try RunFolderChecks.member(absolute, name)
            guard let bytes = SystemCalls.stamp(file)?.bytes, let sha = SHA256.file(file) else {
                throw InputError(file: file, problem: "cannot be read", hint: "check the folder's permissions")
            }
            return OutputFile(path: name, bytes: bytes, sha256: sha)
        }
        try matchLedgers(files, runPath: absolute)
        return RunDescription(
            path: absolute, manifestSHA256: sha, carriers: run.carriers, provinces: provinces,
            workOrderCarriers: withOrders, files: files, workOrderAreaCarriers: withAreas,
            carrierNames: Dictionary(uniqueKeysWithValues: run.carriers.map { ($0, run.config.displayName($0)) }))
    }

    /// Refuses files that differ from what the analyze or workorders manifest recorded when the command wrote them.
    private static func matchLedgers(_ files: [OutputFile], runPath: String) throws {
        for (folder, prefix) in [(runPath, ""), (runPath + "/workorders", "workorders/")] {
            guard let data = FileManager.default.contents(atPath: folder + "/" + OutputLedger.fileName),
                let ledger = try? JSONDecoder().decode(OutputLedger.self, from: data)
            else { continue }
            let recorded = Dictionary(ledger.outputs.map { (prefix + $0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for f in files {
                guard let r = recorded[f.path], r.bytes != f.bytes || r.sha256 != f.sha256 else { continue }
                throw InputError(
                    file: runPath + "/" + f.path,
                    problem: "differs from what covgap wrote (\(OutputLedger.fileName) records \(r.bytes) bytes, "
                        + "SHA-256 \(r.sha256.prefix(12))…; it is \(f.bytes) bytes, \(f.sha256.prefix(12))…): "
                        + "it was changed after the run",
                    hint: RunFolderChecks.rerun)
            }
        }
    }

    /// The first of the run's files whose content is not what it was at publishing, nil when all are unchanged.
    /// `unchanged` answers from a cheap check first (a file stamp seen before); only files it doubts are hashed.
    public func firstChangedFile(
        unchanged: (String, SystemCalls.FileStamp) -> Bool, confirmed: (String, SystemCalls.FileStamp) -> Void
    ) -> String? {
        for f in files {
            let full = path + "/" + f.path
            guard SystemCalls.entryKind(full) == .regular, let stamp = SystemCalls.stamp(full) else { return f.path }
            if unchanged(full, stamp) { continue }
            guard stamp.bytes == f.bytes, SHA256.file(full) == f.sha256 else { return f.path }
            confirmed(full, stamp)
        }
        return nil
    }

    /// SHA-256 of the run's manifest.json as it is on disk now; nil when unreadable.
    public static func manifestSHA256(runPath: String) -> String? {
        SHA256.file(runPath + "/" + Manifest.fileName)
    }
}
