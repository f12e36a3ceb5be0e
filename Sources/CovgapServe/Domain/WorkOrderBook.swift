import CovgapSupport
import Foundation

/// The work orders of one published run, read once from its `workorders/<carrier>.geojson` files and then only read.
/// Features stay as parsed JSON objects so that a carrier's download is the file it would get from `covgap workorders`,
/// with the current status written over each order's `status`.
final class WorkOrderBook: @unchecked Sendable {
    // @unchecked: every property is set in init and never mutated afterwards; JSON objects are read-only here.

    /// The fields of an order the service itself needs.
    struct Order: Sendable {
        let id: String, carrier: String, provinceCode: String, provinceName: String, deadline: String
    }

    let runId: Int64
    /// Orders per carrier, in file order.
    let orders: [String: [Order]]
    private let features: [String: [[String: Any]]]
    private let ids: [String: Set<String>]

    /// Reads the work orders of `carriers` from the run at `runPath`; a file that is not the FeatureCollection of
    /// orders `covgap workorders` writes (each with a unique `work_order_id`) is refused with 422, naming it.
    init(runId: Int64, runPath: String, carriers: [String]) throws {
        self.runId = runId
        var orders: [String: [Order]] = [:]
        var features: [String: [[String: Any]]] = [:]
        for c in carriers {
            let path = "\(runPath)/workorders/\(c).geojson"
            func refuse(_ why: String) -> IntakeError {
                IntakeError(
                    status: .unprocessableContent, message: "\(path) \(why)",
                    hint: "re-run covgap workorders on the run and publish it again")
            }
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { throw refuse("cannot be read") }
            guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let list = root["features"] as? [[String: Any]]
            else {
                throw refuse("is not a GeoJSON FeatureCollection")
            }
            var seen = Set<String>()
            orders[c] = try list.enumerated().map { i, f in
                guard let p = f["properties"] as? [String: Any], let id = p["work_order_id"] as? String, !id.isEmpty
                else {
                    throw refuse("feature \(i + 1) has no work_order_id")
                }
                guard seen.insert(id).inserted else { throw refuse("feature \(i + 1) repeats work_order_id \(id)") }
                func s(_ k: String) -> String { p[k] as? String ?? "" }
                return Order(
                    id: id, carrier: c, provinceCode: s("province_code"), provinceName: s("province_name"),
                    deadline: s("deadline"))
            }
            features[c] = list
        }
        self.orders = orders
        self.features = features
        ids = orders.mapValues { Set($0.map(\.id)) }
    }

    /// Whether carrier `c` has order `id` in this run.
    func has(carrier c: String, order id: String) -> Bool { ids[c]?.contains(id) ?? false }

    /// The carrier's orders as RFC 7946 GeoJSON with each order's current status (newest event, else `open`), keys
    /// sorted
    /// so that the same state always gives the same bytes (and so the same ETag).
    func geoJSON(carrier c: String, latest: [String: StatusStore.Event]) throws -> Data {
        let list: [[String: Any]] = (features[c] ?? []).map { f in
            var f = f
            var p = f["properties"] as? [String: Any] ?? [:]
            let id = p["work_order_id"] as? String ?? ""
            if let e = latest[id] {
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
}

/// Work-order books by run, loaded on first use, and each carrier's rendered download with its ETag, kept until the
/// run or the carrier's status version changes (so a download or a 304 costs one indexed query).
actor WorkOrderCache {
    private var books: [Int64: WorkOrderBook] = [:]
    private var rendered: [String: (run: Int64, version: Int64, data: Data, etag: String)] = [:]

    /// The carrier's download for `run` at status version `version`, rendering it with `render` when not cached.
    func download(
        carrier: String, run: Int64, version: Int64, render: () async throws -> Data
    ) async throws -> (Data, String) {
        if let r = rendered[carrier], r.run == run, r.version == version { return (r.data, r.etag) }
        let data = try await render()
        let etag = "\"" + String(SHA256.hex(data).prefix(40)) + "\""
        rendered[carrier] = (run, version, data, etag)
        return (data, etag)
    }

    /// The book of published run `run`, reading it when first asked.
    func book(for run: RunStore.Published) throws -> WorkOrderBook {
        if let b = books[run.id] { return b }
        let b = try WorkOrderBook(runId: run.id, runPath: run.run.path, carriers: run.run.workOrderCarriers)
        books = [run.id: b]
        return b
    }
}
