import Foundation
import GDALBridge

/// Reads a site list from any OGR source: a CSV with lon/lat columns or a point layer.
///
/// Columns: `site_id, carrier, lon, lat, height_m, technologies` ("3G;4G", "4G", ...), and optionally
/// `eirp_3g_dbm, eirp_4g_dbm, freq_3g_mhz, freq_4g_mhz` (defaults in `SiteDefaults`).
public enum SiteLoader {
    public static func load(_ path: String) throws -> [Site] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, problem: "site list not found", hint: "give a CSV or vector layer of sites")
        }
        let ds: VectorDataset
        do { ds = try VectorDataset.open(path) } catch { throw InputError(file: path, problem: "cannot be read as a table or vector layer (\(error))") }
        let layer = try ds.layer(named: nil)
        func index(_ name: String, required: Bool = true) throws -> Int? {
            let i = layer.fieldIndex(name)
            if i == nil, required {
                throw InputError(file: path, problem: "has no column '\(name)'",
                                 hint: "site lists need site_id, carrier, lon, lat, height_m, technologies; found: \(layer.fields.map(\.name).joined(separator: ", "))")
            }
            return i
        }
        let id = try index("site_id")!, carrier = try index("carrier")!, height = try index("height_m")!, techs = try index("technologies")!
        let lonField = try index("lon", required: false), latField = try index("lat", required: false)
        let eirp = [Technology.threeG: try index("eirp_3g_dbm", required: false), .fourG: try index("eirp_4g_dbm", required: false)]
        let freq = [Technology.threeG: try index("freq_3g_mhz", required: false), .fourG: try index("freq_4g_mhz", required: false)]
        let toLonLat = try layer.spatialReference.map { try CoordinateTransform(from: $0, to: .wgs84()) }
        var sites: [Site] = []
        var row = 0
        layer.resetReading()
        while let f = layer.nextFeature() {
            row += 1
            let at = "row \(row)"
            func number(_ i: Int?, _ name: String) throws -> Double? {
                guard let i, let text = f.string(i)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                guard let v = Double(text), v.isFinite else { throw InputError(file: path, location: at, problem: "\(name) '\(text)' is not a number") }
                return v
            }
            var lon = try number(lonField, "lon"), lat = try number(latField, "lat")
            if lon == nil || lat == nil, let g = f.geometry, g.type == .point, let t = toLonLat {
                let e = g.envelope
                if let p = t.transform(x: e.minX, y: e.minY) { lon = p.x; lat = p.y }
            }
            guard let lon, let lat else { throw InputError(file: path, location: at, problem: "has no lon/lat or point geometry") }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw InputError(file: path, location: at, problem: "lon \(lon), lat \(lat) is not a lon/lat position", hint: "check the columns are not swapped")
            }
            guard let h = try number(height, "height_m"), h > 0 else {
                throw InputError(file: path, location: at, problem: "height_m must be a positive number of metres")
            }
            let techText = f.string(techs) ?? ""
            var set = Set<Technology>()
            for part in techText.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " || $0 == "|" }) {
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
                e[t] = try number(eirp[t]!, "eirp_\(t.rawValue.lowercased())_dbm") ?? SiteDefaults.eirpDbm[t]
                fr[t] = try number(freq[t]!, "freq_\(t.rawValue.lowercased())_mhz") ?? SiteDefaults.frequencyMHz[t]
            }
            sites.append(Site(id: siteID, carrier: carrierID, lon: lon, lat: lat, heightMetres: h, technologies: set, eirpDbm: e, frequencyMHz: fr))
        }
        guard !sites.isEmpty else { throw InputError(file: path, problem: "has no sites") }
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
