import CovgapGrid
import CovgapKernel
import CovgapModel

/// One row of commune_stats.csv: a commune's figures for one technology scope, in km² and people.
public struct CommuneStatistics: Sendable {
    public let commune: Commune
    public let scope: TechnologyScope
    public let areaKm2: Double
    public let population: Double
    public let coveredAnyKm2: Double
    public let coveredAllKm2: Double
    public let notspotTotalKm2: Double
    public let notspotPartialKm2: Double
    public let populationCovered: Double
    public let populationNotspotTotal: Double
    public let deadZoneCount: Int
    /// Per carrier in config order: covered km² and people, nil where the carrier has no layer in this scope.
    public let carriers: [(km2: Double, population: Double)?]
    /// White and weak villages counted in this commune and scope; nil when the run has no villages.
    public var villages: (white: Int, weak: Int)?

    public var pctAreaCovered: Double { areaKm2 > 0 ? 100 * coveredAnyKm2 / areaKm2 : 0 }
    public var pctPopulationCovered: Double { population > 0 ? 100 * populationCovered / population : 0 }

    /// Reads one commune × scope out of the merged tally.
    public init(tally: CommuneTally, commune: Commune, scopeIndex s: Int, scopes: CarrierScopes, deadZones: Int) {
        func km2(_ v: Int64) -> Double { Double(v) / CommuneTally.areaScale / 1e6 }
        func people(_ v: Int64) -> Double { Double(v) / CommuneTally.populationScale }
        let c = commune.id
        self.commune = commune
        scope = TechnologyScope.allCases[s]
        areaKm2 = km2(tally.value(commune: c, scope: s, .area))
        population = people(tally.value(commune: c, scope: s, .population))
        coveredAnyKm2 = km2(tally.value(commune: c, scope: s, .coveredAnyArea))
        coveredAllKm2 = km2(tally.value(commune: c, scope: s, .coveredAllArea))
        notspotTotalKm2 = km2(tally.value(commune: c, scope: s, .notspotTotalArea))
        notspotPartialKm2 = km2(tally.value(commune: c, scope: s, .notspotPartialArea))
        populationCovered = people(tally.value(commune: c, scope: s, .populationCovered))
        populationNotspotTotal = people(tally.value(commune: c, scope: s, .populationNotspotTotal))
        deadZoneCount = deadZones
        carriers = (0..<tally.carrierCount).map { k in
            guard scopes.has(carrier: k, scope: s) else { return nil }
            let v = tally.carrier(commune: c, scope: s, k)
            return (km2(v.area), people(v.population))
        }
    }
}
