/// One commune (xã / phường / đặc khu) as the statistics see it; `id` is its 1-based index in code order and its value in the commune raster.
public struct Commune: Sendable, Codable, Equatable {
    public let id: Int
    public let code: String
    public let name: String
    public let provinceCode: String
    public let provinceName: String
}
