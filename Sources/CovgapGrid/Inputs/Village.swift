/// A village (thôn / bản) as given: its centre (cultural house) and what the province knows of it.
public struct Village: Sendable, Equatable {
    /// 1-based row in the village file.
    public let row: Int
    public let code: String
    public let name: String
    public let lon: Double
    public let lat: Double
    /// The commune code the file gives, nil when absent (then found by location).
    public let givenCommuneCode: String?
    public let households: Int?
    public let hasGridPower: Bool?
    public let especiallyDifficultArea: Bool?

    /// Memberwise: every stored property, in declaration order.
    public init(
        row: Int, code: String, name: String, lon: Double, lat: Double, givenCommuneCode: String?, households: Int?,
        hasGridPower: Bool?, especiallyDifficultArea: Bool?
    ) {
        self.row = row
        self.code = code
        self.name = name
        self.lon = lon
        self.lat = lat
        self.givenCommuneCode = givenCommuneCode
        self.households = households
        self.hasGridPower = hasGridPower
        self.especiallyDifficultArea = especiallyDifficultArea
    }
}
