import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Reads a site list from any OGR source: a CSV with lon/lat columns or a point layer.
///
/// Columns (names configurable under `sites:`): `site_id, carrier, lon, lat, height_m, technologies` ("3G;4G", "4G",
/// ...), optionally `shareable` (yes/no) and `eirp_3g_dbm, eirp_4g_dbm, freq_3g_mhz, freq_4g_mhz` (defaults in
/// `SiteDefaults`).
public enum SiteLoader {
    /// Loads every site of `path` with the default column names.
    public static func load(_ path: String) throws -> [Site] {
        try load(
            SiteInventoryInput(
                path: path, layer: nil, idField: "site_id", carrierField: "carrier", lonField: "lon", latField: "lat",
                heightField: "height_m", technologiesField: "technologies", shareableField: "shareable",
                explicitKeys: []))
    }

    /// Loads every site of the inventory; refuses missing columns, duplicate ids and bad values with their row.
    public static func load(_ input: SiteInventoryInput) throws -> [Site] {
        let path = input.path
        let table = try PointTable(
            path: path, layer: input.layer, lon: input.lonField, lat: input.latField, what: "site list")
        func column(_ name: String, _ key: String, required: Bool) throws -> Int? {
            try table.column(name, required: required || input.explicitKeys.contains(key), key: "sites.\(key)")
        }
        let id = try column(input.idField, "id", required: true)!,
            carrier = try column(input.carrierField, "carrier", required: true)!
        let height = try column(input.heightField, "height_m", required: true)!
        let techs = try column(input.technologiesField, "technologies", required: true)!
        let shareable = try column(input.shareableField, "shareable", required: false)
        var seen: [String: Int] = [:]
        var eirp: [Technology: Int?] = [:], freq: [Technology: Int?] = [:]
        for t in Technology.allCases {
            let suffix = t.rawValue.lowercased()
            eirp[t] = try table.column("eirp_\(suffix)_dbm", required: false, key: "eirp_\(suffix)_dbm")
            freq[t] = try table.column("freq_\(suffix)_mhz", required: false, key: "freq_\(suffix)_mhz")
        }
        var sites: [Site] = []
        try table.forEachRow { row, f, lon, lat in
            let at = "row \(row)"
            guard let h = try PointTable.number(f, height, "height_m", file: path, row: row), h > 0, h <= 1000 else {
                throw InputError(
                    file: path, location: at, problem: "height_m must be a positive number of metres, at most 1,000")
            }
            let set = try technologies(f.string(techs) ?? "", file: path, at: at)
            guard let siteID = f.string(id)?.trimmingCharacters(in: .whitespaces), !siteID.isEmpty,
                let carrierID = f.string(carrier)?.trimmingCharacters(in: .whitespaces), !carrierID.isEmpty
            else {
                throw InputError(file: path, location: at, problem: "site_id and carrier must not be empty")
            }
            if let first = seen[siteID] {
                throw InputError(
                    file: path, location: at, problem: "site id \(siteID) appears again (first at row \(first))",
                    hint: "each site needs its own id")
            }
            seen[siteID] = row
            var e: [Technology: Double] = [:], fr: [Technology: Double] = [:]
            for t in Technology.allCases {
                let suffix = t.rawValue.lowercased()
                e[t] =
                    try PointTable.number(f, eirp[t]!, "eirp_\(suffix)_dbm", file: path, row: row)
                    ?? SiteDefaults.eirpDbm[t]
                fr[t] =
                    try PointTable.number(f, freq[t]!, "freq_\(suffix)_mhz", file: path, row: row)
                    ?? SiteDefaults.frequencyMHz[t]
            }
            var site = Site(
                id: siteID, carrier: carrierID, lon: lon, lat: lat, heightMetres: h, technologies: set, eirpDbm: e,
                frequencyMHz: fr)
            site.shareable = try PointTable.flag(f, shareable, "shareable", file: path, row: row) ?? true
            site.row = row
            sites.append(site)
        }
        return sites
    }
}

extension SiteLoader {
    /// A site's technologies from a list such as "3G;4G" (separated by ';', ',', ' ' or '|'); refuses anything else.
    static func technologies(_ text: String, file: String, at: String) throws -> Set<Technology> {
        var set = Set<Technology>()
        for part in text.split(whereSeparator: { ";, |".contains($0) }) {
            guard let t = Technology(rawValue: part.uppercased()) else {
                throw InputError(file: file, location: at, problem: "technology '\(part)' is not 3G or 4G")
            }
            set.insert(t)
        }
        return set
    }
}

/// Defaults for sites that do not give their own radio parameters.
public enum SiteDefaults {
    /// Reference-signal EIRP: 4G RS per resource element (46 dBm over 1200 subcarriers + 15 dBi − 3 dB losses ≈ 27
    /// dBm); 3G CPICH (33 dBm + 15 dBi − 3 dB = 45 dBm).
    public static let eirpDbm: [Technology: Double] = [.fourG: 27, .threeG: 45]
    /// Carrier frequency: 4G band 3 (1800 MHz), 3G band 1 (2100 MHz).
    public static let frequencyMHz: [Technology: Double] = [.fourG: 1800, .threeG: 2100]
}
