import Foundation
import GDALBridge

/// Reads a site list from any OGR source: a CSV with lon/lat columns or a point layer.
///
/// Columns: `site_id, carrier, lon, lat, height_m, technologies` ("3G;4G", "4G", ...), and optionally
/// `eirp_3g_dbm, eirp_4g_dbm, freq_3g_mhz, freq_4g_mhz` (defaults in `SiteDefaults`).
public enum SiteLoader {
    /// Loads every site of `path`; refuses missing columns and bad values with their row.
    public static func load(_ path: String) throws -> [Site] {
        let table = try PointTable(path: path, layer: nil, lon: "lon", lat: "lat", what: "site list")
        let id = try table.column("site_id", required: true, key: "site_id")!, carrier = try table.column("carrier", required: true, key: "carrier")!
        let height = try table.column("height_m", required: true, key: "height_m")!, techs = try table.column("technologies", required: true, key: "technologies")!
        var eirp: [Technology: Int?] = [:], freq: [Technology: Int?] = [:]
        for t in Technology.allCases {
            let suffix = t.rawValue.lowercased()
            eirp[t] = try table.column("eirp_\(suffix)_dbm", required: false, key: "eirp_\(suffix)_dbm")
            freq[t] = try table.column("freq_\(suffix)_mhz", required: false, key: "freq_\(suffix)_mhz")
        }
        var sites: [Site] = []
        try table.forEachRow { row, f, lon, lat in
            let at = "row \(row)"
            guard let h = try PointTable.number(f, height, "height_m", file: path, row: row), h > 0 else {
                throw InputError(file: path, location: at, problem: "height_m must be a positive number of metres")
            }
            var set = Set<Technology>()
            for part in (f.string(techs) ?? "").split(whereSeparator: { ";, |".contains($0) }) {
                guard let t = Technology(rawValue: part.uppercased()) else {
                    throw InputError(file: path, location: at, problem: "technology '\(part)' is not 3G or 4G")
                }
                set.insert(t)
            }
            guard let siteID = f.string(id), !siteID.isEmpty, let carrierID = f.string(carrier), !carrierID.isEmpty else {
                throw InputError(file: path, location: at, problem: "site_id and carrier must not be empty")
            }
            var e: [Technology: Double] = [:], fr: [Technology: Double] = [:]
            for t in Technology.allCases {
                let suffix = t.rawValue.lowercased()
                e[t] = try PointTable.number(f, eirp[t]!, "eirp_\(suffix)_dbm", file: path, row: row) ?? SiteDefaults.eirpDbm[t]
                fr[t] = try PointTable.number(f, freq[t]!, "freq_\(suffix)_mhz", file: path, row: row) ?? SiteDefaults.frequencyMHz[t]
            }
            sites.append(Site(id: siteID, carrier: carrierID, lon: lon, lat: lat, heightMetres: h, technologies: set, eirpDbm: e, frequencyMHz: fr))
        }
        return sites
    }
}

/// Defaults for sites that do not give their own radio parameters.
public enum SiteDefaults {
    /// Reference-signal EIRP: 4G RS per resource element (46 dBm over 1200 subcarriers + 15 dBi − 3 dB losses ≈ 27 dBm);
    /// 3G CPICH (33 dBm + 15 dBi − 3 dB = 45 dBm).
    public static let eirpDbm: [Technology: Double] = [.fourG: 27, .threeG: 45]
    /// Carrier frequency: 4G band 3 (1800 MHz), 3G band 1 (2100 MHz).
    public static let frequencyMHz: [Technology: Double] = [.fourG: 1800, .threeG: 2100]
}
