import CovgapGrid

/// What the model says of a village for one technology (DOMAIN.md).
public enum VillageClass: String, Sendable, Codable {
    /// thôn trắng sóng: no carrier covers the cell at the village centre.
    case white
    /// thôn lõm sóng: the centre is covered, but at least the configured share of cells within the radius are total
    /// not-spots.
    case weak
    case covered
    /// The centre is outside the analysis grid or outside every commune.
    case outside
}

/// One village's classification: per scope (nil where the run has no layer of that technology).
public struct VillageResult: Sendable {
    public let village: Village
    /// The commune counted for it: the given code when the run has it, else the commune at the centre.
    public let communeID: Int?
    /// The commune whose cells hold the centre, nil outside every commune.
    public let locatedCommuneID: Int?
    public let classes: [VillageClass?]
    /// Carrier ids covering the centre, per scope.
    public let carriersAtCentre: [[String]]
    /// Share of cells within the radius (inside communes) that are total not-spots, per scope.
    public let notspotShare: [Double?]
}
