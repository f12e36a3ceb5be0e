import Foundation

/// One commune (xã / phường / đặc khu) as the statistics see it; `id` is its 1-based index in code order and its
/// value in the commune raster.
public struct Commune: Sendable, Codable, Equatable {
    public let id: Int
    public let code: String
    public let name: String
    public let provinceCode: String
    public let provinceName: String
    /// Rural commune (xã), urban ward (phường) or special zone (đặc khu); `.commune` when the boundaries do not
    /// say.
    public var kind: CommuneKind = .commune

    /// Memberwise: every stored property, in declaration order.
    public init(
        id: Int, code: String, name: String, provinceCode: String, provinceName: String, kind: CommuneKind = .commune
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.kind = kind
    }
}

/// What kind of lower-level administrative unit a commune is (DOMAIN.md: xã / phường / đặc khu).
public enum CommuneKind: String, Sendable, Codable {
    case commune, ward, specialZone = "special_zone"

    /// Reads a kind or full-name field: "Phường …" / "ward" → ward, "Đặc khu …" / "special…" → special
    /// zone, else commune.
    public init(field value: String) {
        let v = value.trimmingCharacters(in: .whitespaces).lowercased()
        if v.hasPrefix("phường") || v.hasPrefix("phuong") || v.hasPrefix("ward") {
            self = .ward
        } else if v.hasPrefix("đặc khu") || v.hasPrefix("dac khu") || v.hasPrefix("special") {
            self = .specialZone
        } else {
            self = .commune
        }
    }
}
