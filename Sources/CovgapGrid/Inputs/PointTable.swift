import CovgapSupport
import Foundation
import GDALBridge

/// A table of points from any OGR source: a CSV with lon/lat columns (UTF-8 with or without BOM, any line ends) or a
/// point layer in any CRS. Rows are numbered from 1 in file order, for error messages.
struct PointTable {
    let path: String
    let layer: VectorLayer
    private let lonField: Int?
    private let latField: Int?
    private let toLonLat: CoordinateTransform?

    /// Opens `path` (layer `layerName` or the first); `what` names the table in messages ("village list").
    init(path: String, layer layerName: String?, lon: String, lat: String, what: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, problem: "\(what) not found", hint: "check the path in the config")
        }
        let ds: VectorDataset
        do { ds = try VectorDataset.open(path) } catch {
            throw InputError(file: path, problem: "cannot be read as a table or vector layer (\(error))")
        }
        self.path = path
        do { layer = try ds.layer(named: layerName) } catch { throw InputError(file: path, problem: "\(error)") }
        lonField = layer.fieldIndex(lon)
        latField = layer.fieldIndex(lat)
        toLonLat = try layer.spatialReference.map { try CoordinateTransform(from: $0, to: .wgs84()) }
    }

    /// Index of column `name`; when `required` and absent, an error naming the config key and the columns found.
    func column(_ name: String, required: Bool, key: String) throws -> Int? {
        if let i = layer.fieldIndex(name) { return i }
        guard !required else {
            throw InputError(
                file: path, problem: "has no column '\(name)' (set as \(key))",
                hint: "its columns are: \(layer.fields.map(\.name).joined(separator: ", "))")
        }
        return nil
    }

    /// Calls `body` for every row with its number and lon/lat (from the lon/lat columns, else the point geometry).
    func forEachRow(_ body: (_ row: Int, _ feature: Feature, _ lon: Double, _ lat: Double) throws -> Void) throws {
        var row = 0
        layer.resetReading()
        while let f = layer.nextFeature() {
            row += 1
            var lon = try PointTable.number(f, lonField, "lon", file: path, row: row)
            var lat = try PointTable.number(f, latField, "lat", file: path, row: row)
            if lon == nil || lat == nil, let g = f.geometry, g.type == .point, let t = toLonLat {
                let e = g.envelope
                if let p = t.transform(x: e.minX, y: e.minY) { lon = p.x; lat = p.y }
            }
            guard let lon, let lat else {
                throw InputError(file: path, location: "row \(row)", problem: "has no lon/lat or point geometry")
            }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw InputError(
                    file: path, location: "row \(row)", problem: "lon \(lon), lat \(lat) is not a lon/lat position",
                    hint: "check that the lon and lat columns are not swapped")
            }
            try body(row, f, lon, lat)
        }
        guard row > 0 else { throw InputError(file: path, problem: "has no rows") }
    }

    /// A numeric cell, nil when the column is absent or the cell empty; an error when it is not a number.
    static func number(_ f: Feature, _ index: Int?, _ name: String, file: String, row: Int) throws -> Double? {
        guard let index, let text = f.string(index)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let v = Double(text), v.isFinite else {
            throw InputError(file: file, location: "row \(row)", problem: "\(name) '\(text)' is not a number")
        }
        return v
    }

    /// A yes/no cell (yes/no, true/false, 1/0, có/không), nil when absent or empty.
    static func flag(_ f: Feature, _ index: Int?, _ name: String, file: String, row: Int) throws -> Bool? {
        guard let index, let text = f.string(index)?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty
        else { return nil }
        switch text {
        case "yes", "y", "true", "1", "có", "co": return true
        case "no", "n", "false", "0", "không", "khong": return false
        default: throw InputError(file: file, location: "row \(row)", problem: "\(name) '\(text)' is not yes or no")
        }
    }
}
