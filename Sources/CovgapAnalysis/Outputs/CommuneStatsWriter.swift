import CovgapSupport

/// Writes commune_stats.csv: one row per commune and technology, columns in the documented order.
public enum CommuneStatsWriter {
    static func header(carriers: [String], villages: Bool) -> [String] {
        [
            "province_code", "province_name", "commune_code", "commune_name", "technology", "area_km2", "population",
            "covered_any_km2", "covered_all_km2", "notspot_total_km2", "notspot_partial_km2", "pct_area_covered",
            "population_covered", "population_notspot_total", "pct_population_covered", "dead_zone_count",
        ]
            + carriers.flatMap { ["covered_km2_\($0)", "pct_area_covered_\($0)", "population_covered_\($0)"] }
            + (villages ? ["white_villages", "weak_villages"] : [])
    }

    /// `villages`: whether the run classified villages (adds the two village columns at the end).
    public static func write(_ rows: [CommuneStatistics], carriers: [String], villages: Bool, to path: String) throws {
        var csv = CSVWriter()
        csv.row(header(carriers: carriers, villages: villages))
        for r in rows {
            var f = [
                r.commune.provinceCode, r.commune.provinceName, r.commune.code, r.commune.name, r.scope.rawValue,
                Format.km2(r.areaKm2), Format.people(r.population), Format.km2(r.coveredAnyKm2),
                Format.km2(r.coveredAllKm2),
                Format.km2(r.notspotTotalKm2), Format.km2(r.notspotPartialKm2), Format.pct(r.pctAreaCovered),
                Format.people(r.populationCovered), Format.people(r.populationNotspotTotal),
                Format.pct(r.pctPopulationCovered),
                String(r.deadZoneCount),
            ]
            for c in r.carriers {
                if let c {
                    f += [
                        Format.km2(c.km2), Format.pct(r.areaKm2 > 0 ? 100 * c.km2 / r.areaKm2 : 0),
                        Format.people(c.population),
                    ]
                } else {
                    f += ["", "", ""]
                }
            }
            if villages { f += [String(r.villages?.white ?? 0), String(r.villages?.weak ?? 0)] }
            csv.row(f)
        }
        try csv.write(to: path)
    }
}
