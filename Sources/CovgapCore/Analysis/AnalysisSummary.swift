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
}
