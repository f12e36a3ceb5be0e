import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Writes villages.csv (BOM), villages.geojson (RFC 7946) and the `villages` layer of coverage.gpkg.
public struct VillageWriter: Sendable {
    public let results: [VillageResult]
    let communes: [Commune]
    let scopes: CarrierScopes

    private var activeScopes: [(index: Int, scope: TechnologyScope)] {
        TechnologyScope.allCases.enumerated().filter { scopes.layerBits[$0.offset] != 0 }.map {
            ($0.offset, $0.element)
        }
    }

    var header: [String] {
        [
            "village_code", "village_name", "province_code", "province_name", "commune_code", "commune_name",
            "located_commune_code",
            "lon", "lat", "households", "has_grid_power", "especially_difficult_area",
        ]
            + activeScopes.flatMap {
                ["class_\($0.scope.rawValue)", "carriers_\($0.scope.rawValue)", "notspot_share_\($0.scope.rawValue)"]
            }
    }

    /// The row's values as text, in `header` order ("" for unknown).
    func values(_ r: VillageResult) -> [String] {
        let v = r.village
        let commune = r.communeID.map { communes[$0 - 1] }
        func flag(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "" }
        var row = [
            v.code, v.name, commune?.provinceCode ?? "", commune?.provinceName ?? "",
            commune?.code ?? v.givenCommuneCode ?? "",
            commune?.name ?? "", r.locatedCommuneID.map { communes[$0 - 1].code } ?? "",
            String(format: "%.6f", v.lon), String(format: "%.6f", v.lat), v.households.map(String.init) ?? "",
            flag(v.hasGridPower), flag(v.especiallyDifficultArea),
        ]
        for (s, _) in activeScopes {
            row += [
                r.classes[s]?.rawValue ?? "", r.carriersAtCentre[s].joined(separator: ";"),
                r.notspotShare[s].map { String(format: "%.3f", $0) } ?? "",
            ]
        }
        return row
    }

    public func writeCSV(to path: String) throws {
        var csv = CSVWriter()
        csv.row(header)
        for r in results { csv.row(values(r)) }
        try csv.write(to: path)
    }

    /// Adds the villages as points to a new layer of `dataset` (all fields as text, codes keep their zeros).
    public func addLayer(to dataset: VectorDataset, options: [String] = []) throws {
        let layer = try dataset.createLayer(name: "villages", srs: .wgs84(), geometry: .point, options: options)
        let numeric = Set(["lon", "lat", "households"] + activeScopes.map { "notspot_share_\($0.scope.rawValue)" })
        for name in header { try layer.createField(name, type: numeric.contains(name) ? .real : .string) }
        let transaction = dataset.beginTransaction()
        for r in results {
            let f = layer.makeFeature()
            for (i, (name, value)) in zip(header, values(r)).enumerated() {
                if numeric.contains(name) { f.set(i, Double(value)) } else { f.set(i, value.isEmpty ? nil : value) }
            }
            f.setGeometry(try Geometry(wkt: "POINT (\(r.village.lon) \(r.village.lat))"))
            try layer.add(f)
        }
        if transaction { try dataset.commitTransaction() }
    }

    public func writeGeoJSON(to path: String) throws {
        try addLayer(
            to: try VectorDataset.create(driver: "GeoJSON", path: path), options: ["RFC7946=YES", "WRITE_NAME=NO"])
    }

    /// White and weak villages per commune id and scope, for commune_stats.csv.
    public func counts() -> [Int: [(white: Int, weak: Int)]] {
        var out: [Int: [(white: Int, weak: Int)]] = [:]
        for r in results {
            guard let c = r.communeID else { continue }
            var row = out[c] ?? .init(repeating: (0, 0), count: TechnologyScope.allCases.count)
            for s in row.indices {
                if r.classes[s] == .white { row[s].white += 1 }
                if r.classes[s] == .weak { row[s].weak += 1 }
            }
            out[c] = row
        }
        return out
    }

    /// Memberwise: every stored property, in declaration order.
    public init(results: [VillageResult], communes: [Commune], scopes: CarrierScopes) {
        self.results = results
        self.communes = communes
        self.scopes = scopes
    }
}
