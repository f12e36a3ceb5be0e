import CovgapAnalysis
import CovgapGrid
import CovgapModel

/// Tolerances of a review (all configurable on the command line).
public struct ReviewSettings: Sendable {
    /// A point may lie this far outside its named commune before it is rejected.
    public var communeToleranceMetres: Double = 200
    /// Two rows of one technology closer than this are duplicates.
    public var duplicateMetres: Double = 50
    /// A submitted row matches a model village or dead zone within this distance.
    public var matchMetres: Double = 500
    /// Dead zones with fewer people are not listed as unreported.
    public var minPopulation: Int = 50
    /// The province under review; nil = the province most rows name.
    public var province: String?

    /// The documented defaults: 200 m commune tolerance, 50 m duplicates, 500 m matching, 50 people.
    public init() {}
}

/// What the model says of an accepted row.
public enum Verdict: String, Sendable, CaseIterable {
    /// The model also finds no signal (white) or a gap (weak) there.
    case confirmed
    /// Every carrier covers the place in the model: needs a field measurement.
    case modelCovered = "model_covered"
    /// Some carriers cover the place in the model, not all: sharing or roaming may close it.
    case partial
}

/// An accepted row with the model's evidence.
struct ReconciledRow {
    let row: SubmissionRow
    let provinceCode: String
    let commune: Commune
    let technology: Technology
    let lon: Double, lat: Double
    let locatedCommune: Commune?
    let verdict: Verdict
    let modelClass: VillageClass
    let covering: [String]
    let notCovering: [String]
    let notspotShare: Double?
    let nearestZone: (id: String, km: Double)?
}

/// Why a row is rejected: a stable kind (for counting and filtering) and a sentence for people, in English and in
/// Vietnamese (the province's page shows the Vietnamese one).
struct RejectionReason: Equatable {
    enum Kind: String, CaseIterable {
        case missingField = "missing_field", unknownTechnology = "unknown_technology", noCoverageForTechnology =
            "no_coverage_for_technology"
        case badReported = "bad_reported", badDate = "bad_date", otherProvince = "other_province", unknownCommuneCode =
            "unknown_commune_code"
        case missingCoordinates = "missing_coordinates", badCoordinates = "bad_coordinates", swappedCoordinates =
            "swapped_coordinates"
        case outsideVietnam = "outside_vietnam", outsideProvince = "outside_province", wrongCommune = "wrong_commune"
        case duplicate
    }
    let kind: Kind
    let text: String
    let textVi: String

    init(_ kind: Kind, _ text: String, vi: String) {
        self.kind = kind
        self.text = text
        self.textVi = vi
    }
}

/// A rejected row with every reason.
struct RejectedRow {
    let row: SubmissionRow
    let reasons: [RejectionReason]
}

/// A model finding no accepted row matches.
struct UnreportedItem {
    let kind: String, id: String, technology: String, commune: Commune?, name: String, modelClass: String
    let population: Int?, households: Int?, areaKm2: Double?, lon: Double, lat: Double
}
