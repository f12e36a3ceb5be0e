import CovgapAnalysis
import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Collects a run's work items: dead zones over the thresholds, white/weak villages not inside one, confirmed review rows
/// matching neither, and proposed shared masts. Villages and review rows inside a dead-zone item join it.
struct WorkItemBuilder {
    let run: RunFolder
    let settings: WorkOrderSettings

    private var communeByCode: [String: Commune] {
        Dictionary(run.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func items(reviewFolders: [String]) throws -> [WorkItem] {
        let byCode = communeByCode
        let toGrid = try CoordinateTransform(from: .wgs84(), to: run.gridCRS)
        var items: [WorkItem] = []
        for tech in settings.technologies {
            let s = TechnologyScope.allCases.firstIndex { $0.rawValue == tech.rawValue }!
            let all = run.carriers.indices.filter { run.scopes.has(carrier: $0, scope: s) }
            var zones: [WorkItem] = []
            for z in run.deadZones
            where z.technology == tech.rawValue
                && (Double(z.population) >= settings.minPeople || z.areaKm2 >= settings.minAreaKm2)
            {
                guard let commune = byCode[z.communeCode] else { continue }
                var item = WorkItem(
                    kind: .deadZone, technology: tech, ref: z.id, commune: commune, lon: z.lon, lat: z.lat,
                    polygon: z.polygon,
                    population: Double(z.population), areaKm2: z.areaKm2, eligible: all)
                for (c, name) in run.carriers.enumerated() { if let d = z.nearestKm[name] { item.distanceKm[c] = d } }
                zones.append(item)
            }
            var index = SpatialIndex<Int>(cell: 5000)
            for (k, z) in zones.enumerated() { index.insert(k, box: z.polygon!.envelope) }
            /// The first dead-zone item holding a lon/lat point, if any.
            func zoneHolding(lon: Double, lat: Double) -> Int? {
                guard let p = toGrid.transform(x: lon, y: lat) else { return nil }
                let point = Geometry(pointX: p.x, y: p.y)
                return index.candidates(Envelope(minX: p.x, maxX: p.x, minY: p.y, maxY: p.y)).first { k in
                    let e = zones[k].polygon!.envelope
                    return p.x >= e.minX && p.x <= e.maxX && p.y >= e.minY && p.y <= e.maxY
                        && zones[k].polygon!.distance(to: point) == 0
                }
            }
            var villages: [WorkItem] = []
            for v in run.villages {
                guard let cls = v.classes[tech.rawValue], settings.villageClasses.contains(cls),
                    let commune = byCode[v.communeCode]
                else { continue }
                if let z = zoneHolding(lon: v.lon, lat: v.lat) { zones[z].villages.append(v); continue }
                let covering = (v.carriers[tech.rawValue] ?? []).compactMap { run.carriers.firstIndex(of: $0) }
                let weak = cls == "weak" && !covering.isEmpty
                var item = WorkItem(
                    kind: .village, technology: tech, ref: v.code, commune: commune, lon: v.lon, lat: v.lat,
                    polygon: nil,
                    villages: [v], population: Double(v.households ?? 0) * settings.peoplePerHousehold, areaKm2: nil,
                    eligible: weak ? covering : all)
                if weak { item.covering = covering }
                villages.append(item)
            }
            var reviews: [WorkItem] = []
            for folder in reviewFolders {
                for row in try ReviewRows.confirmed(folder: folder, technology: tech) {
                    guard let commune = byCode[row.communeCode] else { continue }
                    if let z = zoneHolding(lon: row.lon, lat: row.lat) {
                        let known = Set((zones[z].villages.map(\.name) + zones[z].extraNames).map(NameKey.of))
                        if !known.contains(NameKey.of(row.villageName)) { zones[z].extraNames.append(row.villageName) }
                        continue
                    }
                    // The model's own village item already covers this row.
                    if villages.contains(where: {
                        $0.commune.code == row.communeCode
                            && NameKey.of($0.villages.first?.name ?? "") == NameKey.of(row.villageName)
                    }) {
                        continue
                    }
                    let covering = row.covering.compactMap { run.carriers.firstIndex(of: $0) }
                    let partial = row.verdict == "partial" && !covering.isEmpty
                    var item = WorkItem(
                        kind: .review, technology: tech, ref: row.ref, commune: commune, lon: row.lon, lat: row.lat,
                        polygon: nil,
                        extraNames: [row.villageName], population: 0, areaKm2: nil, eligible: partial ? covering : all)
                    if partial { item.covering = covering }
                    reviews.append(item)
                }
            }
            var masts: [WorkItem] = []
            let mastFile = run.path + "/shared_sites.csv"
            if FileManager.default.fileExists(atPath: mastFile) {
                for m in try CSVTable(path: mastFile).rows where m["technology"] == tech.rawValue {
                    guard let commune = m["commune_code"].flatMap({ byCode[$0] }), let lon = Double(m["lon"] ?? ""),
                        let lat = Double(m["lat"] ?? "")
                    else { continue }
                    let served = (m["carriers_served"] ?? "").split(separator: ";").compactMap {
                        run.carriers.firstIndex(of: String($0))
                    }
                    var item = WorkItem(
                        kind: .sharedMast, technology: tech, ref: m["site_id"] ?? "", commune: commune, lon: lon,
                        lat: lat, polygon: nil,
                        population: Double(m["gain_people"] ?? "") ?? 0, areaKm2: Double(m["gain_km2"] ?? ""),
                        eligible: served.isEmpty ? all : served)
                    item.served = served
                    masts.append(item)
                }
            }
            items += zones + villages + reviews + masts
        }
        return items
    }
}
