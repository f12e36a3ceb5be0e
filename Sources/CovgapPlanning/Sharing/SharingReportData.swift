import CovgapModel

/// The rows of the sharing outputs the report shows (the leading shared masts and undergrounding corridors).
public struct SharingReportData {
    public var summary: SharingSummary
    /// shared_sites.csv rows (header `SharingWriters.mastHeader`), in rank order.
    public var masts: [[String]] = []
    /// underground_candidates.csv rows (header `SharingWriters.corridorHeader`), in rank order.
    public var corridors: [[String]] = []
}
