import CovgapAnalysis
import CovgapSupport
import Foundation
import GDALBridge

/// Writes a review folder: rejected.csv, reconciled.csv, reconciled.geojson, unreported.csv, summary.json, summary.txt.
struct ReviewWriter {
    let run: RunFolder

    static let submitted = [
        "province_code", "commune_code", "village_name", "technology", "reported", "carriers_missing", "note",
        "reported_on", "lon", "lat",
    ]

    static func submittedValues(_ r: SubmissionRow) -> [String] {
        [
            r.provinceCode, r.communeCode, r.villageName, r.technology, r.reported, r.carriersMissing, r.note,
            r.reportedOn, r.lonText, r.latText,
        ]
    }

    static let reconciledHeader = [
        "row", "province_code", "commune_code", "commune_name", "village_name", "technology", "reported", "verdict",
        "model_class", "carriers_covering", "carriers_not_covering", "notspot_share", "nearest_dead_zone_id",
        "nearest_dead_zone_km", "located_commune_code", "carriers_missing", "note", "reported_on", "lon", "lat",
    ]

    static func reconciledValues(_ r: ReconciledRow) -> [String] {
        [
            String(r.row.row), r.provinceCode, r.commune.code, r.commune.name, r.row.villageName, r.technology.rawValue,
            r.row.reported.lowercased(),
            r.verdict.rawValue, r.modelClass.rawValue, r.covering.joined(separator: ";"),
            r.notCovering.joined(separator: ";"),
            r.notspotShare.map { String(format: "%.3f", $0) } ?? "", r.nearestZone?.id ?? "",
            r.nearestZone.map { String(format: "%.3f", $0.km) } ?? "",
            r.locatedCommune?.code ?? "", r.row.carriersMissing, r.row.note, r.row.reportedOn,
            String(format: "%.6f", r.lon), String(format: "%.6f", r.lat),
        ]
    }

    func write(
        rejected: [RejectedRow], reconciled: [ReconciledRow], unreported: [UnreportedItem], summary: ReviewSummary,
        into staging: OutputStaging
    ) throws {
        var csv = CSVWriter()
        csv.row(["row", "reason_codes", "reasons", "reasons_vi"] + ReviewWriter.submitted)
        for r in rejected {
            csv.row(
                [
                    String(r.row.row), r.reasons.map(\.kind.rawValue).joined(separator: ";"),
                    r.reasons.map(\.text).joined(separator: "; "), r.reasons.map(\.textVi).joined(separator: "; "),
                ]
                    + ReviewWriter.submittedValues(r.row))
        }
        try csv.write(to: staging.file("rejected.csv"))

        csv = CSVWriter()
        csv.row(ReviewWriter.reconciledHeader)
        for r in reconciled { csv.row(ReviewWriter.reconciledValues(r)) }
        try csv.write(to: staging.file("reconciled.csv"))

        let ds = try VectorDataset.create(driver: "GeoJSON", path: staging.file("reconciled.geojson"))
        let layer = try ds.createLayer(
            name: "reconciled", srs: .wgs84(), geometry: .point, options: ["RFC7946=YES", "WRITE_NAME=NO"])
        // Each property typed as the CSV's column: numbers are numbers, codes and names text.
        let types = csv.types.map { t -> FieldType in
            switch t {
            case .integer, .integer64: .integer64
            case .real: .real
            case .empty, .string: .string
            }
        }
        for (name, type) in zip(ReviewWriter.reconciledHeader.dropLast(2), types) {
            try layer.createField(name, type: type)
        }
        for r in reconciled {
            let f = layer.makeFeature()
            for (i, v) in ReviewWriter.reconciledValues(r).dropLast(2).enumerated() {
                f.set(i, text: types[i] == .string ? SpreadsheetSafe.cell(v) : v, as: types[i])
            }
            f.setGeometry(Geometry(pointX: r.lon, y: r.lat))
            try layer.add(f)
        }

        csv = CSVWriter()
        csv.row([
            "kind", "id", "technology", "province_code", "commune_code", "commune_name", "name", "model_class",
            "population",
            "households", "area_km2", "lon", "lat",
        ])
        for u in unreported {
            csv.row([
                u.kind, u.id, u.technology, u.commune?.provinceCode ?? "", u.commune?.code ?? "", u.commune?.name ?? "",
                u.name, u.modelClass,
                u.population.map(String.init) ?? "", u.households.map(String.init) ?? "",
                u.areaKm2.map { String(format: "%.4f", $0) } ?? "",
                String(format: "%.6f", u.lon), String(format: "%.6f", u.lat),
            ])
        }
        try csv.write(to: staging.file("unreported.csv"))

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(summary).write(to: URL(fileURLWithPath: staging.file("summary.json")))
        try Data((summary.text + "\n").utf8).write(to: URL(fileURLWithPath: staging.file("summary.txt")))
    }
}
