/// Who a request acts for, from its token: a province's staff, a carrier, or a ministry analyst.
public struct Principal: Sendable, Equatable {
    /// The three roles of the intake.
    public enum Role: String, Sendable, Codable, CaseIterable { case province, carrier, analyst }

    /// The token's id (not its secret).
    public let tokenId: String
    public let role: Role
    /// The province code (two digits) or the carrier id; empty for analysts.
    public let scope: String

    /// Whether this principal may read province `code`'s reviews. Anyone else gets a 404, as if it did not exist.
    public func readsProvince(_ code: String) -> Bool { role == .analyst || role == .province && scope == code }
    /// Whether this principal may submit reviews for province `code` (its own staff only).
    public func submitsFor(_ code: String) -> Bool { role == .province && scope == code }
    /// Whether this principal may read carrier `id`'s work orders.
    public func readsCarrier(_ id: String) -> Bool { role == .analyst || role == .carrier && scope == id }
    /// Whether this principal may report status on carrier `id`'s work orders (the carrier itself only).
    public func reportsFor(_ id: String) -> Bool { role == .carrier && scope == id }
}
