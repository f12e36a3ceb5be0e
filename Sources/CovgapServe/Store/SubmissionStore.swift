import Foundation
import GRDB

/// Provinces' review submissions: the upload byte for byte with its SHA-256, and the review's results, stored together
/// in one transaction (a submission is either wholly there or absent). Rows are never updated or deleted.
struct SubmissionStore: Sendable {
    let db: ServeDatabase

    /// A reviewed upload, ready to store.
    struct New: Sendable {
        let province: String, runId: Int64, tokenId: String, filename: String, mediaType: String
        let body: Data, sha256: String
        let results: ReviewResults
    }

    /// A stored submission's record (without the bytes).
    struct Record: Sendable, Codable {
        let id: String, province: String, runId: Int64, receivedAt: String, filename: String, mediaType: String,
            sha256: String, bytes: Int
        enum CodingKeys: String, CodingKey {
            case id, province, runId = "run_id", receivedAt = "received_at", filename, mediaType = "media_type", sha256,
                bytes
        }
    }

    /// The files a stored submission can be fetched as.
    enum Artifact: String, CaseIterable, Sendable {
        case original, rejected = "rejected.csv", reconciledCSV = "reconciled.csv", reconciledGeoJSON =
            "reconciled.geojson",
            unreported = "unreported.csv"
        var column: String {
            switch self {
            case .original: "body"
            case .rejected: "rejected_csv"
            case .reconciledCSV: "reconciled_csv"
            case .reconciledGeoJSON: "reconciled_geojson"
            case .unreported: "unreported_csv"
            }
        }
    }

    /// Stores a submission; returns its record with the id `<province>-<n>` (n counts the province's submissions).
    func insert(_ s: New) async throws -> Record {
        let at = ServeDatabase.now()
        return try await db.pool.write { d in
            let seq =
                try Int.fetchOne(
                    d, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM submissions WHERE province = ?",
                    arguments: [s.province]) ?? 1
            let id = "\(s.province)-\(String(format: "%06d", seq))"
            try d.execute(
                sql: """
                    INSERT INTO submissions (id, province, seq, run_id, token_id, received_at, filename, media_type,
                                             body, body_sha256, summary_json, rejected_csv, reconciled_csv,
                                             reconciled_geojson, unreported_csv)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, s.province, seq, s.runId, s.tokenId, at, s.filename, s.mediaType, s.body, s.sha256,
                    String(decoding: s.results.summaryJSON, as: UTF8.self), s.results.rejectedCSV,
                    s.results.reconciledCSV,
                    s.results.reconciledGeoJSON, s.results.unreportedCSV,
                ])
            return Record(
                id: id, province: s.province, runId: s.runId, receivedAt: at, filename: s.filename,
                mediaType: s.mediaType,
                sha256: s.sha256, bytes: s.body.count)
        }
    }

    /// A province's submissions, newest first, each with its review summary.
    func list(province: String) async throws -> [(Record, Data)] {
        try await db.pool.read { d in
            try Row.fetchAll(
                d,
                sql: """
                    SELECT id, province, run_id, received_at, filename, media_type, body_sha256,
                           length(body) AS bytes, summary_json
                    FROM submissions WHERE province = ? ORDER BY seq DESC
                    """, arguments: [province]
            ).map { (SubmissionStore.record($0), Data(($0["summary_json"] as String).utf8)) }
        }
    }

    /// One submission of a province with its review summary; nil when the province has no such submission.
    func get(province: String, id: String) async throws -> (Record, Data)? {
        try await db.pool.read { d in
            try Row.fetchOne(
                d,
                sql: """
                    SELECT id, province, run_id, received_at, filename, media_type, body_sha256,
                           length(body) AS bytes, summary_json
                    FROM submissions WHERE province = ? AND id = ?
                    """, arguments: [province, id]
            ).map { (SubmissionStore.record($0), Data(($0["summary_json"] as String).utf8)) }
        }
    }

    /// One stored file of a province's submission; nil when absent.
    func artifact(province: String, id: String, _ a: Artifact) async throws -> Data? {
        try await db.pool.read { d in
            try Data.fetchOne(
                d, sql: "SELECT \(a.column) FROM submissions WHERE province = ? AND id = ?", arguments: [province, id])
        }
    }

    private static func record(_ r: Row) -> Record {
        Record(
            id: r["id"], province: r["province"], runId: r["run_id"], receivedAt: r["received_at"],
            filename: r["filename"],
            mediaType: r["media_type"], sha256: r["body_sha256"], bytes: r["bytes"])
    }
}
