import CovgapAnalysis
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The model's white/weak villages and populated dead zones in the province that no accepted row matches
/// (same technology, and the same village name in the same commune or a point within the match distance).
struct Unreported {
    let run: RunFolder
    let province: String
    let settings: ReviewSettings

    func find(_ accepted: [RowValidator.Accepted]) -> [UnreportedItem] {
        var rowsByTech: [String: SpatialIndex<RowValidator.Accepted>] = [:]
        var names = Set<String>()
        for a in accepted {
            rowsByTech[a.technology.rawValue, default: SpatialIndex(cell: 1000)].insert(a, x: a.x, y: a.y)
            names.insert("\(a.commune.code)|\(NameKey.of(a.row.villageName))|\(a.technology.rawValue)")
        }
        let byCode = Dictionary(uniqueKeysWithValues: run.communes.map { ($0.code, $0) })
        let m = settings.matchMetres
        var out: [UnreportedItem] = []
        let toGrid = try? CoordinateTransform(from: .wgs84(), to: run.gridCRS)
        for tech in Technology.allCases.map(\.rawValue) {
            for v in run.villages {
                guard let commune = byCode[v.communeCode], commune.provinceCode == province,
                    let cls = v.classes[tech], cls == "white" || cls == "weak"
                else { continue }
                if names.contains("\(v.communeCode)|\(NameKey.of(v.name))|\(tech)") { continue }
                if let p = toGrid?.transform(x: v.lon, y: v.lat),
                    rowsByTech[tech]?.near(x: p.x, y: p.y, radius: m).contains(where: {
                        hypot($0.x - p.x, $0.y - p.y) <= m
                    }) == true
                {
                    continue
                }
                out.append(
                    UnreportedItem(
                        kind: "village", id: v.code, technology: tech, commune: commune, name: v.name, modelClass: cls,
                        population: nil, households: v.households, areaKm2: nil, lon: v.lon, lat: v.lat))
            }
            for z in run.deadZones where z.technology == tech && z.population >= settings.minPopulation {
                guard let commune = byCode[z.communeCode], commune.provinceCode == province else { continue }
                let e = z.polygon.envelope
                let candidates =
                    rowsByTech[tech]?.near(
                        x: (e.minX + e.maxX) / 2, y: (e.minY + e.maxY) / 2,
                        radius: max(e.maxX - e.minX, e.maxY - e.minY) / 2 + m) ?? []
                if candidates.contains(where: { z.polygon.distance(to: Geometry(pointX: $0.x, y: $0.y)) <= m }) {
                    continue
                }
                out.append(
                    UnreportedItem(
                        kind: "dead_zone", id: z.id, technology: tech, commune: commune, name: "",
                        modelClass: "dead_zone",
                        population: z.population, households: nil, areaKm2: z.areaKm2, lon: z.lon, lat: z.lat))
            }
        }
        return out.sorted {
            ($0.kind, $0.technology, $0.commune?.code ?? "", $0.id) < (
                $1.kind, $1.technology, $1.commune?.code ?? "", $1.id
            )
        }
    }
}
