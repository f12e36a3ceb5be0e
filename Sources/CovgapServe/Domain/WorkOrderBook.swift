import CovgapSupport
import Foundation

/// The work orders of one published run, read once from its `workorders/<carrier>.geojson` files (and the
/// `<carrier>_areas.geojson` polygons when the run has them) and then only read. Features stay as parsed JSON objects
/// so that a carrier's download is the file it would get from `covgap workorders`, with the current status written
/// over each order's `status`.
final class WorkOrderBook: @unchecked Sendable {
    // @unchecked: every property is set in init and never mutated afterwards; JSON objects are read-only here.

    let runId: Int64
    /// Orders per carrier, in file order.
    let orders: [String: [WorkOrderLine]]
    private let features: [String: [[String: Any]]]
    private let areas: [String: [[String: Any]]]
    private let ids: [String: Set<String>]

    /// Reads the work orders of `carriers` (and the areas of `areaCarriers`) from the run at `runPath`; a file that is
    /// not the FeatureCollection of orders `covgap workorders` writes (each with a unique `work_order_id`, each area
    /// an order of the points file) is refused with 422, naming it.
    init(runId: Int64, runPath: String, carriers: [String], areaCarriers: [String] = []) throws {
        self.runId = runId
        var orders: [String: [WorkOrderLine]] = [:]
        var features: [String: [[String: Any]]] = [:]
        var areas: [String: [[String: Any]]] = [:]
        for c in carriers {
            let path = "\(runPath)/workorders/\(c).geojson"
            let list = try WorkOrderBook.features(path)
            var seen = Set<String>()
            orders[c] = try list.enumerated().map { i, f in
                let line = try WorkOrderLine(f, carrier: c, file: path, feature: i + 1)
                guard seen.insert(line.id).inserted else {
                    throw WorkOrderBook.refuse(path, "feature \(i + 1) repeats work_order_id \(line.id)")
                }
                return line
            }
            features[c] = list
            guard areaCarriers.contains(c) else { continue }
            let areaPath = "\(runPath)/workorders/\(c)_areas.geojson"
            areas[c] = try WorkOrderBook.features(areaPath)
            for (i, f) in areas[c]!.enumerated() where !seen.contains(WorkOrderBook.id(f) ?? "") {
                throw WorkOrderBook.refuse(areaPath, "feature \(i + 1) is not an order of \(c).geojson")
            }
        }
        self.orders = orders
        self.features = features
        self.areas = areas
        ids = orders.mapValues { Set($0.map(\.id)) }
    }

    /// Whether carrier `c` has order `id` in this run.
    func has(carrier c: String, order id: String) -> Bool { ids[c]?.contains(id) ?? false }

    /// Whether the run has the dead-zone polygons of carrier `c`'s orders.
    func hasAreas(carrier c: String) -> Bool { areas[c] != nil }

    /// The carrier's orders (`areas`: their dead-zone polygons) as RFC 7946 GeoJSON with each order's current status
    /// (newest event, else `open`), keys sorted so that the same state always gives the same bytes (and ETag).
    func geoJSON(carrier c: String, latest: [String: StatusStore.Event], areas: Bool = false) throws -> Data {
        let list: [[String: Any]] = ((areas ? self.areas[c] : features[c]) ?? []).map { f in
            var f = f
            var p = f["properties"] as? [String: Any] ?? [:]
            if let e = latest[p["work_order_id"] as? String ?? ""] {
                p["status"] = e.status
                p["status_recorded_at"] = e.recordedAt
                p["on_air_date"] = e.onAirDate ?? NSNull()
                p["dispute_reason"] = e.reason ?? NSNull()
                p["measurement"] = e.measurement.map { $0 as [String: Any] } ?? NSNull()
            }
            f["properties"] = p
            return f
        }
        return try JSONSerialization.data(
            withJSONObject: ["type": "FeatureCollection", "features": list] as [String: Any],
            options: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func features(_ path: String) throws -> [[String: Any]] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { throw refuse(path, "cannot be read") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let list = root["features"] as? [[String: Any]]
        else {
            throw refuse(path, "is not a GeoJSON FeatureCollection")
        }
        return list
    }

    static func id(_ feature: [String: Any]) -> String? {
        (feature["properties"] as? [String: Any])?["work_order_id"] as? String
    }

    static func refuse(_ path: String, _ why: String) -> IntakeError {
        IntakeError(
            status: .unprocessableContent, message: "\(path) \(why)",
            hint: "re-run covgap workorders on the run and publish it again")
    }
}

/// Work-order books by run, loaded on first use, and each carrier's rendered download with its ETag, kept until the
/// run or the carrier's status version changes (so a download or a 304 costs one indexed query).
actor WorkOrderCache {
    private var books: [Int64: WorkOrderBook] = [:]
    private var rendered: [String: (run: Int64, version: Int64, data: Data, etag: String)] = [:]

    /// The carrier's download (`file`: points or areas) for `run` at status version `version`, rendering it with
    /// `render` when not cached.
    func download(
        carrier: String, file: String, run: Int64, version: Int64, render: () async throws -> Data
    ) async throws -> (Data, String) {
        let key = carrier + "/" + file
        if let r = rendered[key], r.run == run, r.version == version { return (r.data, r.etag) }
        let data = try await render()
        let etag = "\"" + String(SHA256.hex(data).prefix(40)) + "\""
        rendered[key] = (run, version, data, etag)
        return (data, etag)
    }

    /// The book of published run `run`, reading it when first asked.
    func book(for run: RunStore.Published) throws -> WorkOrderBook {
        if let b = books[run.id] { return b }
        let b = try WorkOrderBook(
            runId: run.id, runPath: run.run.path, carriers: run.run.workOrderCarriers,
            areaCarriers: run.run.workOrderAreaCarriers)
        books = [run.id: b]
        return b
    }
}
