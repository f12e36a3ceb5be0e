import CovgapGrid
import CovgapKernel
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Writes the sharing outputs that are not zones: co-location clusters, proposed shared masts, undergrounding corridors
/// (GeoJSON in lon/lat, RFC 7946, and CSV with BOM).
public struct SharingWriters {
    let communes: [Commune]
    let carriers: [String]

    private func lonLatLayer(
        _ path: String, name: String, geometry: GeometryType, fields: [(String, FieldType)]
    ) throws -> (VectorDataset, VectorLayer) {
        let ds = try VectorDataset.create(driver: "GeoJSON", path: path)
        let layer = try ds.createLayer(
            name: name, srs: .wgs84(), geometry: geometry,
            options: ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7"])
        for (n, t) in fields { try layer.createField(n, type: t) }
        return (ds, layer)
    }

    private func communeFields(_ id: Int?) -> [String] {
        guard let id else { return ["", "", "", ""] }
        let c = communes[id - 1]
        return [c.provinceCode, c.code, c.name, c.kind.rawValue]
    }

    // MARK: co-location clusters

    static let clusterHeader = [
        "cluster_id", "province_code", "commune_code", "commune_name", "commune_kind", "distance_rule_m",
        "sites", "carriers", "carrier_list", "site_ids", "shareable_site_ids", "suggested_host", "span_m",
        "lon", "lat",
    ]

    func clusterRows(_ clusters: [ColocationCluster], sites: [Site], settings: ColocationSettings) -> [[String]] {
        var numbers: [Int: Int] = [:]
        return clusters.map { c in
            numbers[c.commune, default: 0] += 1
            let members = c.members.map { sites[$0] }
            let carrierList = Array(Set(members.map(\.carrier))).sorted()
            // The tallest shareable member hosts the others (ties: lower site id).
            let host = members.filter(\.shareable).max { ($0.heightMetres, $1.id) < ($1.heightMetres, $0.id) }
            return ["CL-\(communes[c.commune - 1].code)-\(numbers[c.commune]!)"] + communeFields(c.commune) + [
                String(Int(c.inWard ? settings.wardDistanceMetres : settings.otherDistanceMetres)),
                String(members.count),
                String(carrierList.count), carrierList.joined(separator: ";"), members.map(\.id).joined(separator: ";"),
                members.filter(\.shareable).map(\.id).joined(separator: ";"), host?.id ?? "",
                String(format: "%.1f", c.spanMetres),
                String(format: "%.6f", c.lon), String(format: "%.6f", c.lat),
            ]
        }
    }

    func writeClusters(
        _ clusters: [ColocationCluster], sites: [Site], settings: ColocationSettings, csv: String, geojson: String
    ) throws {
        let rows = clusterRows(clusters, sites: sites, settings: settings)
        var out = CSVWriter()
        out.row(SharingWriters.clusterHeader)
        for r in rows { out.row(r) }
        try out.write(to: csv)
        let types: [String: FieldType] = [
            "distance_rule_m": .integer, "sites": .integer, "carriers": .integer, "span_m": .real,
            "lon": .real, "lat": .real,
        ]
        let (ds, layer) = try lonLatLayer(
            geojson, name: "colocation_clusters", geometry: .multiPoint,
            fields: SharingWriters.clusterHeader.map { ($0, types[$0] ?? .string) })
        for (c, r) in zip(clusters, rows) {
            let f = layer.makeFeature()
            for (i, v) in r.enumerated() { setTyped(f, i, v, types[SharingWriters.clusterHeader[i]]) }
            let g = Geometry(empty: .multiPoint)
            for m in c.members { g.add(Geometry(pointX: sites[m].lon, y: sites[m].lat)) }
            f.setGeometry(g)
            try layer.add(f)
        }
        _ = ds
    }

    private func setTyped(_ f: Feature, _ i: Int, _ v: String, _ type: FieldType?) { f.set(i, text: v, as: type) }

    // MARK: shared masts

    public static let mastHeader = [
        "site_id", "rank", "technology", "province_code", "commune_code", "commune_name", "commune_kind", "lon", "lat",
        "carriers_served", "height_m", "radius_km", "gain_km2", "gain_people", "gain_villages",
        "cumulative_people", "cumulative_share", "ground_m", "footprint",
    ]

    @discardableResult
    func writeMasts(
        _ plan: SharedSitePlan, carriersServed: [String], heightMetres: Double, csv: String, geojson: String
    ) throws -> [[String]] {
        let total = Double(plan.deadZonePeople)
        let rows: [[String]] = plan.masts.map { m in
            var r: [String] = [
                "SM-\(plan.technology.rawValue)-\(String(format: "%03d", m.rank))", String(m.rank),
                plan.technology.rawValue,
            ]
            let place: [String] = m.commune.map { communeFields($0) } ?? ["", "", "", "outside"]
            r.append(contentsOf: [place[0], place[1], place[2], place[3]])
            r.append(contentsOf: [
                String(format: "%.6f", m.lon), String(format: "%.6f", m.lat), carriersServed.joined(separator: ";"),
            ])
            r.append(contentsOf: [
                String(format: "%g", heightMetres), String(format: "%.3f", m.reachKm ?? plan.radiusKm),
            ])
            let km2 = Double(m.gainArea) / CommuneTally.areaScale / 1e6
            let people = Double(m.gainPeople) / CommuneTally.populationScale
            let cumulative = Double(m.cumulativePeople) / CommuneTally.populationScale
            let share = total > 0 ? Double(m.cumulativePeople) / total : 0
            r.append(contentsOf: [
                Format.km2(km2), Format.people(people), String(m.gainVillages), Format.people(cumulative),
            ])
            r.append(String(format: "%.4f", share))
            r.append(m.groundMetres.map { String(format: "%.0f", $0) } ?? "")
            r.append(plan.radiusSource.followsTerrain ? "terrain" : "disc (terrain not modelled)")
            return r
        }
        var out = CSVWriter()
        out.row(SharingWriters.mastHeader)
        for r in rows { out.row(r) }
        try out.write(to: csv)
        let types: [String: FieldType] = [
            "rank": .integer, "lon": .real, "lat": .real, "height_m": .real, "radius_km": .real,
            "gain_km2": .real, "gain_people": .integer64, "gain_villages": .integer,
            "cumulative_people": .integer64, "cumulative_share": .real, "ground_m": .real,
        ]
        let (ds, layer) = try lonLatLayer(
            geojson, name: "shared_sites", geometry: .point,
            fields: SharingWriters.mastHeader.map { ($0, types[$0] ?? .string) })
        for (m, r) in zip(plan.masts, rows) {
            let f = layer.makeFeature()
            for (i, v) in r.enumerated() { setTyped(f, i, v, types[SharingWriters.mastHeader[i]]) }
            f.setGeometry(Geometry(pointX: m.lon, y: m.lat))
            try layer.add(f)
        }
        _ = ds
        return rows
    }

    // MARK: undergrounding

    public static let corridorHeader = [
        "corridor_id", "rank", "province_code", "commune_code", "commune_name", "commune_kind", "road_name",
        "road_class", "segments", "length_km", "carriers", "carrier_list", "in_ward", "main_road",
        "shared_corridor", "duct_distance_m", "population_density", "score", "reasons", "features",
    ]

    @discardableResult
    func writeCorridors(
        _ corridors: [UndergroundCorridor], segments: [CableSegment], scorer: UndergroundingScorer,
        csv: String, geojson: String
    ) throws -> [[String]] {
        var numbers: [Int: Int] = [:]
        let rows: [[String]] = corridors.enumerated().map { k, c in
            numbers[c.commune, default: 0] += 1
            return ["UG-\(communes[c.commune - 1].code)-\(numbers[c.commune]!)", String(k + 1)]
                + communeFields(c.commune) + [
                    c.roadName, c.roadClass, String(c.segments.count), String(format: "%.3f", c.lengthMetres / 1000),
                    String(c.carriers.count),
                    c.carriers.joined(separator: ";"), c.inWard ? "yes" : "no", c.mainRoad ? "yes" : "no",
                    c.sharedCorridor ? "yes" : "no",
                    c.ductMetres.map { String(format: "%.1f", $0) } ?? "",
                    String(format: "%.1f", scorer.density[c.commune] ?? 0),
                    String(format: "%.2f", c.score), scorer.reasons(c),
                    c.segments.map { String(segments[$0].feature) }.joined(separator: ";"),
                ]
        }
        var out = CSVWriter()
        out.row(SharingWriters.corridorHeader)
        for r in rows { out.row(r) }
        try out.write(to: csv)
        let types: [String: FieldType] = [
            "rank": .integer, "segments": .integer, "length_km": .real, "carriers": .integer,
            "duct_distance_m": .real, "population_density": .real, "score": .real,
        ]
        let (ds, layer) = try lonLatLayer(
            geojson, name: "underground_candidates", geometry: .multiLineString,
            fields: SharingWriters.corridorHeader.map { ($0, types[$0] ?? .string) })
        for (c, r) in zip(corridors, rows) {
            let f = layer.makeFeature()
            for (i, v) in r.enumerated() { setTyped(f, i, v, types[SharingWriters.corridorHeader[i]]) }
            let g = Geometry(empty: .multiLineString)
            for s in c.segments {
                let line = segments[s].lonLat
                if line.type == .multiLineString {
                    for p in line.lineParts { g.add(Geometry(lineLonLat: p)) }
                } else {
                    g.add(line)
                }
            }
            f.setGeometry(g)
            try layer.add(f)
        }
        _ = ds
        return rows
    }

    /// Kilometres of cable per commune (wards first): aerial, already underground, and candidate for undergrounding.
    func writeKmByCommune(
        segments: [CableSegment], communeOf: [Int?], assessments: [SegmentAssessment], to path: String
    ) throws {
        var aerial: [Int: Double] = [:], under: [Int: Double] = [:], candidate: [Int: Double] = [:]
        for (k, s) in segments.enumerated() {
            guard let c = communeOf[k] else { continue }
            if s.placement == .aerial {
                aerial[c, default: 0] += s.lengthMetres
            } else {
                under[c, default: 0] += s.lengthMetres
            }
        }
        for a in assessments where a.isCandidate {
            candidate[a.commune, default: 0] += segments[a.segment].lengthMetres
        }
        let ids = Set(aerial.keys).union(under.keys).sorted {
            (communes[$0 - 1].kind == .ward ? 0 : 1, $0) < (communes[$1 - 1].kind == .ward ? 0 : 1, $1)
        }
        var out = CSVWriter()
        out.row([
            "province_code", "commune_code", "commune_name", "commune_kind", "aerial_km", "underground_km",
            "candidate_km",
            "candidate_share",
        ])
        for id in ids {
            let a = aerial[id] ?? 0, c = candidate[id] ?? 0
            out.row(
                communeFields(id) + [
                    String(format: "%.3f", a / 1000), String(format: "%.3f", (under[id] ?? 0) / 1000),
                    String(format: "%.3f", c / 1000), String(format: "%.4f", a > 0 ? c / a : 0),
                ])
        }
        try out.write(to: path)
    }
}
