/// The counts of a review: rows read, accepted, rejected; verdicts overall and per commune; unreported findings.
public struct ReviewSummary: Sendable, Codable {
    /// Verdict counts of one commune.
    public struct CommuneCounts: Sendable, Codable {
        public var confirmed = 0, modelCovered = 0, partial = 0
        enum CodingKeys: String, CodingKey { case confirmed, modelCovered = "model_covered", partial }
    }

    public let province: String
    public let rowsRead: Int
    public let accepted: Int
    public let rejected: Int
    public let verdicts: [String: Int]
    public let perCommune: [String: CommuneCounts]
    public let unreportedVillages: Int
    public let unreportedDeadZones: Int
    /// How often each kind of rejection reason occurs.
    public let rejectionReasons: [String: Int]

    enum CodingKeys: String, CodingKey {
        case province, rowsRead = "rows_read", accepted, rejected, verdicts, perCommune = "per_commune"
        case unreportedVillages = "unreported_villages", unreportedDeadZones = "unreported_dead_zones",
            rejectionReasons = "rejection_reasons"
    }

    init(
        province: String, rowsRead: Int, rejected: [RejectedRow], reconciled: [ReconciledRow],
        unreported: [UnreportedItem]
    ) {
        self.province = province
        self.rowsRead = rowsRead
        accepted = reconciled.count
        self.rejected = rejected.count
        verdicts = Dictionary(
            uniqueKeysWithValues: Verdict.allCases.map { v in (v.rawValue, reconciled.filter { $0.verdict == v }.count)
            })
        var per: [String: CommuneCounts] = [:]
        for r in reconciled {
            var c = per[r.commune.code] ?? CommuneCounts()
            switch r.verdict {
            case .confirmed: c.confirmed += 1
            case .modelCovered: c.modelCovered += 1
            case .partial: c.partial += 1
            }
            per[r.commune.code] = c
        }
        perCommune = per
        unreportedVillages = unreported.filter { $0.kind == "village" }.count
        unreportedDeadZones = unreported.filter { $0.kind == "dead_zone" }.count
        var reasons: [String: Int] = [:]
        for r in rejected { for reason in r.reasons { reasons[reason.kind.rawValue, default: 0] += 1 } }
        rejectionReasons = reasons
    }

    /// The one-screen text summary.
    public var text: String {
        var lines = [
            "province \(province): \(rowsRead) rows read, \(accepted) accepted, \(rejected) rejected",
            "verdicts: "
                + Verdict.allCases.map { "\($0.rawValue) \(verdicts[$0.rawValue] ?? 0)" }.joined(separator: ", "),
            "unreported by the province: \(unreportedVillages) white/weak villages, \(unreportedDeadZones) dead zones",
        ]
        if !rejectionReasons.isEmpty {
            lines.append(
                "rejections: "
                    + rejectionReasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                        "\($0.key) ×\($0.value)"
                    }.joined(separator: "; "))
        }
        for (code, c) in perCommune.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(code): confirmed \(c.confirmed), model_covered \(c.modelCovered), partial \(c.partial)")
        }
        return lines.joined(separator: "\n")
    }
}
