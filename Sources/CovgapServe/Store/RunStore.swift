import CovgapAnalysis
import CovgapSupport
import Foundation
import GRDB

/// Published runs: the newest is the one reviews reconcile against and carriers' orders come from.
struct RunStore: Sendable {
    let db: ServeDatabase

    /// A published run as stored.
    struct Published: Sendable, Codable {
        let id: Int64
        let publishedAt: String
        let publishedBy: String
        let run: RunDescription
        enum CodingKeys: String, CodingKey {
            case id
            case publishedAt = "published_at"
            case publishedBy = "published_by"
            case run
        }
    }

    /// Records `run` as the published one.
    func publish(_ run: RunDescription, by who: String) async throws -> Published {
        let at = ServeDatabase.now()
        let encoded = try RunStore.encode(run)
        let id = try await db.pool.write { d in
            try d.execute(
                sql: """
                    INSERT INTO runs (path, manifest_sha256, carriers, provinces, files, published_at, published_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [run.path, run.manifestSHA256, encoded.carriers, encoded.provinces, encoded.files, at, who])
            return d.lastInsertedRowID
        }
        return Published(id: id, publishedAt: at, publishedBy: who, run: run)
    }

    /// The newest published run; nil before any.
    func current() async throws -> Published? {
        try await db.pool.read { d in
            try Row.fetchOne(d, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT 1").map(RunStore.decode)
        }
    }

    /// Every published run, newest first.
    func list() async throws -> [Published] {
        try await db.pool.read { d in
            try Row.fetchAll(d, sql: "SELECT * FROM runs ORDER BY id DESC").map(RunStore.decode)
        }
    }

    private static func encode(_ run: RunDescription) throws -> (carriers: String, provinces: String, files: String) {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        func text<T: Encodable>(_ v: T) throws -> String { String(decoding: try e.encode(v), as: UTF8.self) }
        return (
            try text(
                CarrierList(
                    all: run.carriers, withOrders: run.workOrderCarriers, withAreas: run.workOrderAreaCarriers,
                    names: run.carrierNames)), try text(run.provinces),
            try text(run.files)
        )
    }

    /// The carriers column: every carrier, those with orders and with order areas, and their names (the last two
    /// absent from runs stored before they were recorded).
    private struct CarrierList: Codable {
        let all: [String]
        let withOrders: [String]
        var withAreas: [String]? = nil
        var names: [String: String]? = nil
    }

    private static func decode(_ row: Row) -> Published {
        let carriers =
            (try? JSONDecoder().decode(CarrierList.self, from: Data((row["carriers"] as String).utf8)))
            ?? CarrierList(all: [], withOrders: [])
        let provinces =
            (try? JSONDecoder().decode([String: String].self, from: Data((row["provinces"] as String).utf8))) ?? [:]
        let files = (try? JSONDecoder().decode([OutputFile].self, from: Data((row["files"] as String).utf8))) ?? []
        return Published(
            id: row["id"], publishedAt: row["published_at"], publishedBy: row["published_by"],
            run: RunDescription(
                path: row["path"], manifestSHA256: row["manifest_sha256"], carriers: carriers.all,
                provinces: provinces, workOrderCarriers: carriers.withOrders, files: files,
                workOrderAreaCarriers: carriers.withAreas ?? [], carrierNames: carriers.names ?? [:]))
    }
}
