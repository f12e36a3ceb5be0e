import CovgapAnalysis
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// What changed between two runs, as `covgap diff` reports it.
public struct DiffSummary: Sendable, Codable {
    /// Dead zones of run A closed (no zone of B overlaps), shrunk, grown or unchanged (by the area of the B zones
    /// overlapping them), and zones of B overlapping none of A (new), per technology.
    public var zones: [String: [String: Int]] = [:]
    /// Work orders of A no longer issued in B (closed), issued in both (open), and issued only in B (new).
    public var workOrders: [String: Int] = [:]
    /// People and km² covered by some carrier, A → B, per technology.
    public var peopleCovered: [String: [Double]] = [:]
    public var coveredKm2: [String: [Double]] = [:]
    public var output = ""

    /// One screen for the terminal.
    public var text: String {
        var lines: [String] = []
        for t in zones.keys.sorted() {
            let z = zones[t]!
            let p = peopleCovered[t] ?? [0, 0], a = coveredKm2[t] ?? [0, 0]
            lines.append(
                "\(t): dead zones closed \(z["closed"] ?? 0), shrunk \(z["shrunk"] ?? 0), grown \(z["grown"] ?? 0), "
                    + "unchanged \(z["unchanged"] ?? 0), new \(z["new"] ?? 0); people covered \(Format.people(p[0])) "
                    + "→ \(Format.people(p[1])) "
                    + "(\(p[1] >= p[0] ? "+" : "")\(Format.people(p[1] - p[0]))), "
                    + "km² covered \(String(format: "%.2f", a[0])) → \(String(format: "%.2f", a[1]))"
            )
        }
        if !workOrders.isEmpty {
            lines.append(
                "work orders: closed \(workOrders["closed"] ?? 0), still open \(workOrders["open"] ?? 0), "
                    + "new \(workOrders["new"] ?? 0)"
            )
        }
        lines.append("outputs: \(output)")
        return lines.joined(separator: "\n")
    }
}

/// `covgap diff RUN_A RUN_B`: dead zones matched by overlap, work orders matched by id, communes compared row by row.
public struct RunDiff {
    public let pathA: String
    public let pathB: String
    public let outputPath: String?
    public let logger: Logger

    /// A comparison of run A (earlier) with run B (later).
    public init(pathA: String, pathB: String, outputPath: String? = nil, logger: Logger) {
        self.pathA = pathA
        self.pathB = pathB
        self.outputPath = outputPath
        self.logger = logger
    }

    /// What became of a dead zone of A in B, or a zone of B that overlaps none of A.
    enum ZoneStatus: String {
        case closed, shrunk, grown, unchanged, new
    }

    /// Each zone of A with its status, each new zone of B, per technology.
    struct ZoneChange {
        let technology: String, status: ZoneStatus, idA: String, idB: [String], communeCode: String
        let areaA: Double, areaB: Double, populationA: Int, populationB: Int
        let polygon: Geometry
    }

    public func run() throws -> DiffSummary {
        GDALRuntime.initialize()
        let a = try RunFolder(path: pathA), b = try RunFolder(path: pathB)
        var summary = DiffSummary()
        let changes = try matchZones(a, b, summary: &summary)
        let communeRows = try compareCommunes(changes, summary: &summary)
        let orderRows = try compareWorkOrders(summary: &summary)
        let target = outputPath ?? pathB + "/diff"
        summary.output = target
        let staging = try OutputStaging(
            target: target,
            guard: OutputGuard(
                command: .diff,
                inputs: [.init(role: "first run", path: pathA), .init(role: "second run", path: pathB)]))
        do {
            try write(
                communeRows: communeRows, orderRows: orderRows, changes: changes, crs: a.gridCRS, summary: summary,
                staging: staging)
            try staging.commitWithManifest()
        } catch {
            throw staging.abandon(after: error)
        }
        return summary
    }

    /// Dead zones matched by overlap (B's polygons brought into A's CRS): each zone of A with what became of it, then
    /// each zone of B that overlaps none of A.
    func matchZones(_ a: RunFolder, _ b: RunFolder, summary: inout DiffSummary) throws -> [ZoneChange] {
        let toA = try CoordinateTransform(from: b.gridCRS, to: a.gridCRS)
        let zonesB = try b.deadZones.map { z -> (RunFolder.RunDeadZone, Geometry) in
            let g = z.polygon.clone()
            try g.transform(toA)
            return (z, g)
        }
        var index = SpatialIndex<Int>(cell: 5000)
        for (k, (_, g)) in zonesB.enumerated() { index.insert(k, box: g.envelope) }
        var changes: [ZoneChange] = []
        var matchedB = Set<Int>()
        for z in a.deadZones {
            var overlapping: [Int] = []
            for k in index.candidates(z.polygon.envelope) where zonesB[k].0.technology == z.technology {
                if let shared = z.polygon.intersection(zonesB[k].1), shared.planarArea > 0 { overlapping.append(k) }
            }
            matchedB.formUnion(overlapping)
            let areaB = overlapping.reduce(0.0) { $0 + zonesB[$1].0.areaKm2 }
            let status: ZoneStatus =
                overlapping.isEmpty
                ? .closed : areaB < z.areaKm2 ? .shrunk : areaB > z.areaKm2 ? .grown : .unchanged
            changes.append(
                ZoneChange(
                    technology: z.technology, status: status, idA: z.id, idB: overlapping.map { zonesB[$0].0.id },
                    communeCode: z.communeCode, areaA: z.areaKm2, areaB: areaB, populationA: z.population,
                    populationB: overlapping.reduce(0) { $0 + zonesB[$1].0.population }, polygon: z.polygon))
            summary.zones[z.technology, default: [:]][status.rawValue, default: 0] += 1
        }
        for (k, (z, g)) in zonesB.enumerated() where !matchedB.contains(k) {
            changes.append(
                ZoneChange(
                    technology: z.technology, status: .new, idA: "", idB: [z.id], communeCode: z.communeCode, areaA: 0,
                    areaB: z.areaKm2, populationA: 0, populationB: z.population, polygon: g))
            summary.zones[z.technology, default: [:]][ZoneStatus.new.rawValue, default: 0] += 1
        }
        return changes
    }

    /// Communes row by row: covered area and people, A → B, and the zones each closed and gained (diff.csv's rows).
    func compareCommunes(_ changes: [ZoneChange], summary: inout DiffSummary) throws -> [[String]] {
        let statsA = try CSVTable(path: pathA + "/commune_stats.csv").rows,
            statsB = try CSVTable(path: pathB + "/commune_stats.csv").rows
        func key(_ r: [String: String]) -> String { "\(r["commune_code"] ?? "")|\(r["technology"] ?? "")" }
        let rowsB = Dictionary(statsB.map { (key($0), $0) }, uniquingKeysWith: { x, _ in x })
        var counts: [String: Int] = [:]  // "commune|technology|status"
        for c in changes { counts["\(c.communeCode)|\(c.technology)|\(c.status.rawValue)", default: 0] += 1 }
        var communeRows: [[String]] = []
        for r in statsA {
            let o = rowsB[key(r)]
            func v(_ row: [String: String]?, _ f: String) -> Double { Double(row?[f] ?? "") ?? 0 }
            let t = r["technology"] ?? ""
            summary.peopleCovered[t] = zip(
                summary.peopleCovered[t] ?? [0, 0], [v(r, "population_covered"), v(o, "population_covered")]
            ).map { $0 + $1 }
            summary.coveredKm2[t] = zip(
                summary.coveredKm2[t] ?? [0, 0], [v(r, "covered_any_km2"), v(o, "covered_any_km2")]
            ).map { $0 + $1 }
            let closed = counts["\(r["commune_code"] ?? "")|\(t)|closed"] ?? 0,
                new = counts["\(r["commune_code"] ?? "")|\(t)|new"] ?? 0
            communeRows.append([
                r["province_code"] ?? "", r["commune_code"] ?? "", r["commune_name"] ?? "", t,
                Format.km2(v(r, "covered_any_km2")), Format.km2(v(o, "covered_any_km2")),
                Format.km2(v(o, "covered_any_km2") - v(r, "covered_any_km2")),
                Format.people(v(r, "population_covered")), Format.people(v(o, "population_covered")),
                Format.people(v(o, "population_covered") - v(r, "population_covered")),
                r["dead_zone_count"] ?? "", o?["dead_zone_count"] ?? "", String(closed), String(new),
            ])
        }
        return communeRows
    }

    /// Work orders by id: closed (in A only), open (in both), new (in B only); none when either run has no orders.
    func compareWorkOrders(summary: inout DiffSummary) throws -> [[String]] {
        let ordersA = pathA + "/workorders/workorders.csv", ordersB = pathB + "/workorders/workorders.csv"
        guard FileManager.default.fileExists(atPath: ordersA), FileManager.default.fileExists(atPath: ordersB) else {
            logger.info("work orders not compared: run covgap workorders on both runs first")
            return []
        }
        let oa = try CSVTable(path: ordersA).rows, ob = try CSVTable(path: ordersB).rows
        let idsB = Set(ob.map { $0["work_order_id"] ?? "" }), idsA = Set(oa.map { $0["work_order_id"] ?? "" })
        func row(_ o: [String: String], _ status: String) -> [String] {
            [
                o["work_order_id"] ?? "", status, o["carrier"] ?? "", o["technology"] ?? "", o["action"] ?? "",
                o["commune_code"] ?? "", o["commune_name"] ?? "", o["population"] ?? "",
            ]
        }
        var orderRows: [[String]] = []
        for o in oa {
            let status = idsB.contains(o["work_order_id"] ?? "") ? "open" : "closed"
            summary.workOrders[status, default: 0] += 1
            orderRows.append(row(o, status))
        }
        for o in ob where !idsA.contains(o["work_order_id"] ?? "") {
            summary.workOrders["new", default: 0] += 1
            orderRows.append(row(o, "new"))
        }
        return orderRows
    }

    /// diff.csv, workorders_diff.csv, diff.geojson and the summary, into the staging folder.
    private func write(
        communeRows: [[String]], orderRows: [[String]], changes: [ZoneChange], crs: SpatialReference,
        summary: DiffSummary, staging: OutputStaging
    ) throws {
        var csv = CSVWriter()
        csv.row([
            "province_code", "commune_code", "commune_name", "technology", "covered_km2_a", "covered_km2_b",
            "covered_km2_change", "population_covered_a", "population_covered_b", "population_covered_change",
            "dead_zones_a", "dead_zones_b", "dead_zones_closed", "dead_zones_new",
        ])
        for r in communeRows { csv.row(r) }
        try csv.write(to: staging.file("diff.csv"))
        var orders = CSVWriter()
        orders.row([
            "work_order_id", "status", "carrier", "technology", "action", "commune_code", "commune_name", "population",
        ])
        for r in orderRows { orders.row(r) }
        try orders.write(to: staging.file("workorders_diff.csv"))
        try writeZones(changes, crs: crs, to: staging.file("diff.geojson"))
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try e.encode(summary).write(to: URL(fileURLWithPath: staging.file("summary.json")))
        try Data((summary.text + "\n").utf8).write(to: URL(fileURLWithPath: staging.file("summary.txt")))
    }

    private func writeZones(_ changes: [ZoneChange], crs: SpatialReference, to path: String) throws {
        let ds = try VectorDataset.create(driver: "GeoJSON", path: path)
        let layer = try ds.createLayer(
            name: "diff", srs: crs, geometry: .multiPolygon,
            options: ["RFC7946=YES", "WRITE_NAME=NO", "COORDINATE_PRECISION=7", "WRAPDATELINE=NO"])
        let fields: [(String, FieldType)] = [
            ("technology", .string), ("status", .string), ("zone_id_a", .string), ("zone_ids_b", .string),
            ("commune_code", .string), ("area_km2_a", .real), ("area_km2_b", .real),
            ("population_a", .integer64), ("population_b", .integer64),
        ]
        for (n, t) in fields { try layer.createField(n, type: t) }
        for c in changes {
            let f = layer.makeFeature()
            f.set(0, c.technology); f.set(1, c.status.rawValue); f.set(2, c.idA.isEmpty ? nil : c.idA);
            f.set(3, c.idB.joined(separator: ";"))
            f.set(4, c.communeCode); f.set(5, c.areaA); f.set(6, c.areaB); f.set(7, Int64(c.populationA));
            f.set(8, Int64(c.populationB))
            f.setGeometry(c.polygon)
            try layer.add(f)
        }
    }
}
