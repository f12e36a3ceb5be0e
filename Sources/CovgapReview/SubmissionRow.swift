/// One row of a province's dead-zone submission, as read (text fields untouched except trimming).
public struct SubmissionRow: Sendable {
    /// 1-based row (CSV data row, or feature index).
    public let row: Int
    public let provinceCode: String
    public let communeCode: String
    public let villageName: String
    public let technology: String
    public let reported: String
    public let carriersMissing: String
    public let note: String
    public let reportedOn: String
    /// lon/lat as given: text for CSV columns, or from the geometry (a polygon's point on surface).
    public let lonText: String
    public let latText: String
}

/// Submission columns (documented in the README).
enum SubmissionColumns {
    static let required = ["province_code", "commune_code", "village_name", "technology", "reported"]
    static let optional = ["carriers_missing", "note", "reported_on"]
}
