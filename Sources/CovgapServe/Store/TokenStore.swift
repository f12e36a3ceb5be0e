import CovgapSupport
import Foundation
import GRDB

/// API tokens: `cg_<id>_<secret>`. Only the secret's SHA-256 is stored; the token is shown once, at creation.
public struct TokenStore: Sendable {
    let db: ServeDatabase

    /// The store of tokens in `db`.
    public init(_ db: ServeDatabase) { self.db = db }

    /// A token as listed: never its secret.
    public struct Listed: Sendable, Codable {
        public let id: String, role: String, scope: String, label: String, createdAt: String, revokedAt: String?
    }

    /// Creates a token for `role` and `scope`, returning the full token text (the only time it exists in clear).
    public func create(role: Principal.Role, scope: String, label: String?) throws -> (id: String, token: String) {
        let id = TokenStore.randomHex(bytes: 6)
        let secret = TokenStore.randomHex(bytes: 32)
        let name = label ?? (role == .analyst ? "analyst" : "\(role.rawValue) \(scope)")
        try db.pool.write { d in
            try d.execute(
                sql: "INSERT INTO tokens (id, role, scope, label, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, role.rawValue, scope, name, SHA256.hex(Array(secret.utf8)), ServeDatabase.now()])
        }
        return (id, "cg_\(id)_\(secret)")
    }

    /// Revokes token `id` (and its page sessions); false when there is no such live token.
    public func revoke(id: String) throws -> Bool {
        try db.pool.write { d in
            try d.execute(
                sql: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [ServeDatabase.now(), id])
            let changed = d.changesCount > 0
            try d.execute(sql: "DELETE FROM sessions WHERE token_id = ?", arguments: [id])
            return changed
        }
    }

    /// Every token, oldest first.
    public func list() throws -> [Listed] {
        try db.pool.read { d in
            try Row.fetchAll(
                d, sql: "SELECT id, role, scope, label, created_at, revoked_at FROM tokens ORDER BY created_at, id"
            ).map {
                Listed(
                    id: $0["id"], role: $0["role"], scope: $0["scope"], label: $0["label"], createdAt: $0["created_at"],
                    revokedAt: $0["revoked_at"])
            }
        }
    }

    /// The principal a presented token acts for; nil when it is malformed, unknown or revoked. The secret's hash is
    /// compared with the stored one in constant time (swift-crypto); only the token's public shape is checked first.
    public func authenticate(_ presented: String) async throws -> Principal? {
        let parts = presented.split(separator: "_", omittingEmptySubsequences: false)
        let id = parts.count == 3 && parts[0] == "cg" ? String(parts[1]) : ""
        let secret = Array((parts.count == 3 ? parts[2] : Substring(presented)).utf8)
        guard !id.isEmpty, id.count <= 32 else { return nil }
        let row = try await db.pool.read { d in
            try Row.fetchOne(
                d, sql: "SELECT role, scope, secret_sha256 FROM tokens WHERE id = ? AND revoked_at IS NULL",
                arguments: [id]
            )
            .map { (role: $0["role"] as String, scope: $0["scope"] as String, hash: $0["secret_sha256"] as String) }
        }
        guard let row, let role = Principal.Role(rawValue: row.role) else { return nil }
        guard SHA256.matches(secret, hex: row.hash) else { return nil }
        return Principal(tokenId: id, role: role, scope: row.scope)
    }

    /// `bytes` bytes from the system's cryptographic generator (getrandom on Linux), as hex.
    static func randomHex(bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
