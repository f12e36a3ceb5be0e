import CovgapSupport
import Foundation
import GRDB

/// Web-page logins: a random session id in an HttpOnly cookie, stored as its SHA-256, tied to a live token.
struct SessionStore: Sendable {
    let db: ServeDatabase
    let lifetimeSeconds: Int

    /// Opens a session for the token's principal; returns the cookie value.
    func open(for principal: Principal) async throws -> String {
        let id = TokenStore.randomHex(bytes: 32)
        let expires = ServeDatabase.timestamp(Date().addingTimeInterval(TimeInterval(lifetimeSeconds)))
        try await db.pool.write { d in
            try d.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [ServeDatabase.now()])
            try d.execute(
                sql: "INSERT INTO sessions (id_sha256, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [SHA256.hex(Array(id.utf8)), principal.tokenId, ServeDatabase.now(), expires])
        }
        return id
    }

    /// The principal of a live session whose token is still live; nil otherwise.
    func principal(session id: String) async throws -> Principal? {
        guard id.count == 64 else { return nil }
        let row = try await db.pool.read { d in
            try Row.fetchOne(
                d,
                sql: """
                    SELECT t.id, t.role, t.scope FROM sessions s JOIN tokens t ON t.id = s.token_id
                    WHERE s.id_sha256 = ? AND s.expires_at > ? AND t.revoked_at IS NULL
                    """, arguments: [SHA256.hex(Array(id.utf8)), ServeDatabase.now()]
            ).map { r -> Principal? in
                Principal.Role(rawValue: r["role"]).map { Principal(tokenId: r["id"], role: $0, scope: r["scope"]) }
            }
        }
        return row ?? nil
    }

    /// Ends a session (logout).
    func close(session id: String) async throws {
        try await db.pool.write { d in
            try d.execute(sql: "DELETE FROM sessions WHERE id_sha256 = ?", arguments: [SHA256.hex(Array(id.utf8))])
        }
    }
}
