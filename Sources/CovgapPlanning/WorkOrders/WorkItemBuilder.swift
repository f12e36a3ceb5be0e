import CovgapAnalysis
import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Collects a run's work items: dead zones over the thresholds, white/weak villages not inside one, confirmed review
/// rows matching neither, and proposed shared masts. Villages and review rows inside a dead-zone item join it.
struct WorkItemBuilder {
    let run: RunFolder
    let settings: WorkOrderSettings

    private var communeByCode: [String: Commune] {
        Dictionary(run.communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every technology's items: its dead zones, then villages, review rows and shared masts outside them.
    func items(reviewFolders: [String]) throws -> [WorkItem] {
        let byCode = communeByCode
        let toGrid = try CoordinateTransform(from: .wgs84(), to: run.gridCRS)
        var items: [WorkItem] = []
        for tech in settings.technologies {
            var pass = TechnologyItems(run: run, settings: settings, technology: tech, byCode: byCode, toGrid: toGrid)
            let villages = pass.villageItems()
            let reviews = try pass.reviewItems(reviewFolders, villages: villages)
            let masts = try pass.mastItems()
            items += pass.zones + villages + reviews + masts
        }
        return items
    }
}

/// One technology's items. Dead zones over the thresholds come first; a village or review row inside one joins it.
struct TechnologyItems {
    let run: RunFolder
    let settings: WorkOrderSettings
    let technology: Technology
    let byCode: [String: Commune]
    let toGrid: CoordinateTransform
    /// Carriers with a layer in this technology: who may take an item no carrier covers.
    let all: [Int]
    private(set) var zones: [WorkItem] = []
    private var index = SpatialIndex<Int>(cell: 5000)

    init(
        run: RunFolder, settings: WorkOrderSettings, technology tech: Technology, byCode: [String: Commune],
        toGrid: CoordinateTransform
    ) {
        (self.run, self.settings, self.technology, self.byCode, self.toGrid) = (run, settings, tech, byCode, toGrid)
        let s = TechnologyScope(tech).index
        all = run.carriers.indices.filter { run.scopes.has(carrier: $0, scope: s) }
        for z in run.deadZones
        where z.technology == tech.rawValue
            && (Double(z.population) >= settings.minPeople || z.areaKm2 >= settings.minAreaKm2)
        {
            guard let commune = byCode[z.communeCode] else { continue }
            var item = WorkItem(
                kind: .deadZone, technology: tech, ref: z.id, commune: commune, lon: z.lon, lat: z.lat,
                polygon: z.polygon, population: Double(z.population), areaKm2: z.areaKm2, eligible: all)
            for (c, name) in run.carriers.enumerated() { if let d = z.nearestKm[name] { item.distanceKm[c] = d } }
            zones.append(item)
        }
        for (k, z) in zones.enumerated() { index.insert(k, box: z.polygon!.envelope) }
    }

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

    /// White and weak villages of the configured classes; those inside a dead-zone item join it instead.
    mutating func villageItems() -> [WorkItem] {
        var villages: [WorkItem] = []
        for v in run.villages {
            guard let cls = v.classes[technology.rawValue], settings.villageClasses.contains(cls),
                let commune = byCode[v.communeCode]
            else { continue }
            if let z = zoneHolding(lon: v.lon, lat: v.lat) { zones[z].villages.append(v); continue }
            let covering = (v.carriers[technology.rawValue] ?? []).compactMap { run.carriers.firstIndex(of: $0) }
            let weak = cls == "weak" && !covering.isEmpty
            var item = WorkItem(
                kind: .village, technology: technology, ref: v.code, commune: commune, lon: v.lon, lat: v.lat,
                polygon: nil, villages: [v], population: Double(v.households ?? 0) * settings.peoplePerHousehold,
                areaKm2: nil, eligible: weak ? covering : all)
            if weak { item.covering = covering }
            villages.append(item)
        }
        return villages
    }

    /// Confirmed review rows that neither lie in a dead-zone item (they add their name to it) nor repeat a village
    /// item.
    mutating func reviewItems(_ folders: [String], villages: [WorkItem]) throws -> [WorkItem] {
        var reviews: [WorkItem] = []
        for folder in folders {
            for row in try ReviewRows.confirmed(folder: folder, technology: technology) {
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
                    kind: .review, technology: technology, ref: row.ref, commune: commune, lon: row.lon,
                    lat: row.lat, polygon: nil, extraNames: [row.villageName], population: 0, areaKm2: nil,
                    eligible: partial ? covering : all)
                if partial { item.covering = covering }
                reviews.append(item)
            }
        }
        return reviews
    }

    /// The run's proposed shared masts of this technology (shared_sites.csv), when it has any.
    func mastItems() throws -> [WorkItem] {
        let mastFile = run.path + "/shared_sites.csv"
        guard FileManager.default.fileExists(atPath: mastFile) else { return [] }
        var masts: [WorkItem] = []
        for m in try CSVTable(path: mastFile).rows where m["technology"] == technology.rawValue {
            guard let commune = m["commune_code"].flatMap({ byCode[$0] }), let lon = Double(m["lon"] ?? ""),
                let lat = Double(m["lat"] ?? "")
            else { continue }
            let served = (m["carriers_served"] ?? "").split(separator: ";").compactMap {
                run.carriers.firstIndex(of: String($0))
            }
            var item = WorkItem(
                kind: .sharedMast, technology: technology, ref: m["site_id"] ?? "", commune: commune, lon: lon,
                lat: lat, polygon: nil, population: Double(m["gain_people"] ?? "") ?? 0,
                areaKm2: Double(m["gain_km2"] ?? ""), eligible: served.isEmpty ? all : served)
            item.served = served
            masts.append(item)
        }
        return masts
    }
}
