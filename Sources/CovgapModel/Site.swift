/// A radio site of one carrier (synthetic or from an inventory): location, antenna height and what it radiates.
public struct Site: Sendable, Equatable {
    public let id: String
    public let carrier: String
    public let lon: Double
    public let lat: Double
    public let heightMetres: Double
    public let technologies: Set<Technology>
    /// Reference-signal EIRP in dBm per technology (4G RS per resource element, 3G CPICH).
    public let eirpDbm: [Technology: Double]
    public let frequencyMHz: [Technology: Double]
    /// Whether other carriers may co-locate on it (from the inventory's shareable column; true when not given).
    public var shareable: Bool = true
    /// The inventory row it came from (1-based), for messages.
    public var row: Int = 0
    public init(
        id: String, carrier: String, lon: Double, lat: Double, heightMetres: Double, technologies: Set<Technology>,
        eirpDbm: [Technology: Double], frequencyMHz: [Technology: Double], shareable: Bool = true, row: Int = 0
    ) {
        self.id = id
        self.carrier = carrier
        self.lon = lon
        self.lat = lat
        self.heightMetres = heightMetres
        self.technologies = technologies
        self.eirpDbm = eirpDbm
        self.frequencyMHz = frequencyMHz
        self.shareable = shareable
        self.row = row
    }
}
