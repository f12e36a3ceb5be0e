/// What a finished run reports on stdout (and in the manifest).
public struct AnalysisSummary: Sendable, Codable {
    public var output: String
    public var communes: Int
    public var gridWidth: Int
    public var gridHeight: Int
    /// Dead zones per technology scope ("3G", "4G", "ANY").
    public var deadZones: [String: Int]
    /// Area and people with no coverage by any carrier, per scope.
    public var notspotKm2: [String: Double]
    public var notspotPopulation: [String: Double]
    public var timings: [String: Double]
    /// Partial not-spots, co-location, shared masts and undergrounding totals.
    public var sharing: SharingSummary? = nil

    /// Memberwise: every stored property, in declaration order.
    public init(
        output: String, communes: Int, gridWidth: Int, gridHeight: Int, deadZones: [String: Int],
        notspotKm2: [String: Double], notspotPopulation: [String: Double], timings: [String: Double],
        sharing: SharingSummary? = nil
    ) {
        self.output = output
        self.communes = communes
        self.gridWidth = gridWidth
        self.gridHeight = gridHeight
        self.deadZones = deadZones
        self.notspotKm2 = notspotKm2
        self.notspotPopulation = notspotPopulation
        self.timings = timings
        self.sharing = sharing
    }
}
