import CovgapAnalysis
import CovgapGrid
import CovgapModel
import Foundation
import GDALBridge

/// Something one carrier must act on: a dead zone, a white or weak village, a confirmed review row or a proposed shared
/// mast.
struct WorkItem {
    enum Kind: String { case deadZone = "dead_zone", village, review, sharedMast = "shared_mast" }

    var kind: Kind
    var technology: Technology
    /// What it comes from: the dead zone's or mast's id, the village code, or "<review folder>#<row>".
    var ref: String
    var commune: Commune
    var lon: Double, lat: Double
    /// The dead zone's polygon in the grid CRS; nil for point items.
    var polygon: Geometry?
    var villages: [RunFolder.RunVillage] = []
    /// Names of reported places merged into this item (review rows without a model village).
    var extraNames: [String] = []
    var population: Double
    var areaKm2: Double?
    /// Carriers (indices) allowed to lead: all of the technology's, or only those already covering a weak place.
    var eligible: [Int]
    /// Carriers covering part of the place (weak villages, partial review rows): the others get co-location or roaming.
    var covering: [Int]? = nil
    /// For shared masts: the carriers that would share it.
    var served: [Int] = []
    /// km to each carrier's nearest coverage of the technology.
    var distanceKm: [Int: Double] = [:]

    var households: Int? {
        let known = villages.compactMap(\.households)
        return known.isEmpty ? nil : known.reduce(0, +)
    }

    /// The funding route from its villages (DOMAIN.md): any without grid power → power first; else any in an
    /// especially difficult area → public fund; else carrier; without flags, the configured default.
    func funding(default fallback: FundingRoute) -> FundingRoute {
        if villages.contains(where: { $0.hasGridPower == false }) { return .powerFirst }
        if villages.contains(where: { $0.hasGridPower == true && $0.especiallyDifficultArea == true }) {
            return .publicFund
        }
        if villages.contains(where: { $0.hasGridPower == true && $0.especiallyDifficultArea == false }) {
            return .carrier
        }
        return fallback
    }

    /// The stable part of its work-order id: technology, commune and the place (see the README).
    var idStem: String {
        func q(_ v: Double, _ scale: Double) -> String { String(Int((v * scale).rounded(.down))) }
        let place: String
        switch kind {
        case .deadZone: place = "Z\(q(lon, 100))_\(q(lat, 100))"
        case .village: place = "V\(q(lon, 1000))_\(q(lat, 1000))"
        case .review: place = "R\(q(lon, 1000))_\(q(lat, 1000))"
        case .sharedMast: place = "M\(q(lon, 1000))_\(q(lat, 1000))"
        }
        return "WO-\(technology.rawValue)-\(commune.code)-\(place)"
    }
}
