import Foundation
import GRDB

/// Carriers' reports on their work orders: every change is a new row, never overwritten. An order's status is its
/// newest event, or `open` when it has none. Events are keyed by carrier and work-order id, so they carry over to a
/// newly published run whose orders keep their ids.
struct StatusStore: Sendable {
    let db: ServeDatabase

    /// One reported change.
    struct Event: Sendable, Codable, Equatable {
        let id: Int64
        let carrier: String
        let workOrderId: String
        let status: String
        let onAirDate: String?
        /// The measurement sent with `on_air` (name → value).
        let measurement: [String: Double]?
        let reason: String?
        let runId: Int64
        let recordedAt: String
        enum CodingKeys: String, CodingKey {
            case id, carrier, workOrderId = "work_order_id", status, onAirDate = "on_air_date", measurement, reason,
                runId = "run_id",
                recordedAt = "recorded_at"
        }
    }

    /// Appends a change and returns it as stored.
    func append(
        carrier: String, workOrderId: String, status: String, onAirDate: String?, measurement: String?, reason: String?,
        runId: Int64, tokenId: String
    ) async throws -> Event {
        let at = ServeDatabase.now()
        let id = try await db.pool.write { d in
            try d.execute(
                sql: """
                    INSERT INTO status_events (carrier, work_order_id, status, on_air_date, measurement_json, reason,
                                               run_id, token_id, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [carrier, workOrderId, status, onAirDate, measurement, reason, runId, tokenId, at])
            return d.lastInsertedRowID
        }
        return Event(
            id: id, carrier: carrier, workOrderId: workOrderId, status: status, onAirDate: onAirDate,
            measurement: StatusStore.decode(measurement),
            reason: reason, runId: runId, recordedAt: at)
    }

    /// The newest event of each order (of one carrier, or of all when nil), keyed by carrier then order id.
    func latest(carrier: String?) async throws -> [String: [String: Event]] {
        let filter = carrier == nil ? "" : "WHERE carrier = ?"
        let rows = try await db.pool.read { d in
            try Row.fetchAll(
                d,
                sql: """
                    SELECT * FROM status_events WHERE id IN (SELECT MAX(id) FROM status_events \(filter)
                    GROUP BY carrier, work_order_id)
                    """, arguments: StatementArguments(carrier.map { [$0] } ?? [])
            ).map(StatusStore.event)
        }
        var out: [String: [String: Event]] = [:]
        for e in rows { out[e.carrier, default: [:]][e.workOrderId] = e }
        return out
    }

    /// A value that changes whenever one of the carrier's orders changes status (events are only ever added).
    func version(carrier: String) async throws -> Int64 {
        try await db.pool.read { d in
            try Int64.fetchOne(
                d, sql: "SELECT COALESCE(MAX(id), 0) FROM status_events WHERE carrier = ?", arguments: [carrier]) ?? 0
        }
    }

    /// Every event of one order, oldest first.
    func history(carrier: String, workOrderId: String) async throws -> [Event] {
        try await db.pool.read { d in
            try Row.fetchAll(
                d, sql: "SELECT * FROM status_events WHERE carrier = ? AND work_order_id = ? ORDER BY id",
                arguments: [carrier, workOrderId]
            ).map(StatusStore.event)
        }
    }

    private static func decode(_ text: String?) -> [String: Double]? {
        text.flatMap { try? JSONDecoder().decode([String: Double].self, from: Data($0.utf8)) }
    }

    private static func event(_ r: Row) -> Event {
        Event(
            id: r["id"], carrier: r["carrier"], workOrderId: r["work_order_id"], status: r["status"],
            onAirDate: r["on_air_date"],
            measurement: decode(r["measurement_json"]), reason: r["reason"], runId: r["run_id"],
            recordedAt: r["recorded_at"])
    }
}
