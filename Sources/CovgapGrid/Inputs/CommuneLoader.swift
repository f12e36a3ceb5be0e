import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// The communes read from the boundary layer, with their polygons kept in the source CRS.
public final class CommuneSet {
    /// Communes sorted by (province code, commune code); `communes[i].id == i + 1`.
    public let communes: [Commune]
    /// Polygons in the same order as `communes`, in `sourceCRS`.
    let geometries: [Geometry]
    let sourceCRS: SpatialReference
    /// Communes' bounding box in lon/lat.
    public let lonLatBox: Envelope

    init(communes: [Commune], geometries: [Geometry], sourceCRS: SpatialReference, lonLatBox: Envelope) {
        self.communes = communes
        self.geometries = geometries
        self.sourceCRS = sourceCRS
        self.lonLatBox = lonLatBox
    }
}

/// Reads and checks the commune boundary layer.
public enum CommuneLoader {
    /// Loads communes per `input`; throws `InputError` for missing fields, null or duplicate codes, non-polygons, no CRS.
    public static func load(_ input: BoundaryInput, logger: Logger) throws -> CommuneSet {
        let file = input.path
        let dataset: VectorDataset
        do { dataset = try VectorDataset.open(file) } catch {
            throw InputError(
                file: file, problem: "cannot be opened as a vector layer (\(error))",
                hint: "check the path in boundaries.path; any format OGR reads is accepted")
        }
        let layer: VectorLayer
        do { layer = try dataset.layer(named: input.layer) } catch {
            throw InputError(file: file, problem: "\(error)", hint: "set boundaries.layer to one of the layers listed")
        }
        guard let srs = layer.spatialReference else {
            throw InputError(
                file: file, problem: "the layer '\(layer.name)' declares no CRS",
                hint: "assign one (e.g. ogr2ogr -a_srs EPSG:4326)")
        }
        guard layer.featureCount > 0 else {
            throw InputError(
                file: file, problem: "the layer '\(layer.name)' has no features: no communes found",
                hint: "give a layer of commune polygons")
        }
        let fieldNames = layer.fields.map(\.name)
        func field(_ name: String, _ key: String) throws -> Int {
            guard let i = layer.fieldIndex(name) else {
                throw InputError(
                    file: file, problem: "the layer '\(layer.name)' has no field '\(name)' (set as boundaries.\(key))",
                    hint: "its fields are: \(fieldNames.joined(separator: ", "))")
            }
            return i
        }
        let codeField = try field(input.communeCodeField, "commune_code")
        let nameField = try field(input.communeNameField, "commune_name")
        let provField = try field(input.provinceCodeField, "province_code")
        let provNameField = try field(input.provinceNameField, "province_name")
        let kindField = try input.communeKindField.map { try field($0, "commune_kind") }
        let keep = input.provinces.map(Set.init)

        var rows: [(Commune, Geometry)] = []
        var seen: [String: Int] = [:]
        var repaired: [String] = [], padded: [String] = []
        var index = 0
        layer.resetReading()
        while let feature = layer.nextFeature() {
            index += 1
            let at = "feature \(index)"
            let rawProvince = feature.string(provField)?.trimmingCharacters(in: .whitespaces) ?? ""
            let province = NameKey.code(rawProvince, width: 2)
            if let keep, !keep.contains(province) { continue }
            guard let rawCode = feature.string(codeField)?.trimmingCharacters(in: .whitespaces), !rawCode.isEmpty else {
                throw InputError(
                    file: file, location: at, problem: "the commune code field '\(input.communeCodeField)' is empty",
                    hint: "every commune needs its 5-digit code")
            }
            // Spreadsheets and integer fields drop leading zeros (3127 for 03127): pad digits-only codes back.
            let code = NameKey.code(rawCode, width: 5)
            if code != rawCode || province != rawProvince { padded.append(code) }
            let name = feature.string(nameField) ?? "", provinceName = feature.string(provNameField) ?? ""
            if (name + provinceName).contains("\u{FFFD}") {
                throw InputError(
                    file: file, location: "\(at) (code \(code))", problem: "names are not valid UTF-8",
                    hint:
                        "convert the layer to UTF-8 (legacy TCVN3/VNI encodings are not read), e.g. ogr2ogr with -lco ENCODING=UTF-8"
                )
            }
            if let first = seen[code] {
                throw InputError(
                    file: file, location: "\(at) (code \(code))",
                    problem: "commune code \(code) appears again (first at feature \(first))",
                    hint: "each commune must appear once; merge or fix the duplicate")
            }
            seen[code] = index
            guard var geometry = feature.geometry, !geometry.isEmpty else {
                throw InputError(
                    file: file, location: "\(at) (code \(code))", problem: "has no geometry",
                    hint: "give every commune its polygon")
            }
            guard geometry.type.isAreal || geometry.type == .collection else {
                throw InputError(
                    file: file, location: "\(at) (code \(code))",
                    problem: "geometry is a \(geometry.type), not a polygon",
                    hint: "boundaries must be polygons or multipolygons")
            }
            if !geometry.isValid {
                // GEOS cannot even build an unclosed ring: close rings first, then make valid what is still invalid.
                geometry.closeRings()
                if !geometry.isValid {
                    do { geometry = try geometry.madeValid().polygonalPart() } catch {
                        throw InputError(
                            file: file, location: "\(at) (code \(code))",
                            problem: "the polygon is invalid and cannot be repaired (\(error))",
                            hint: "fix it, e.g. in QGIS with Fix Geometries, or ogr2ogr -makevalid")
                    }
                }
                repaired.append(code)
            }
            var commune = Commune(id: 0, code: code, name: name, provinceCode: province, provinceName: provinceName)
            if let kindField { commune.kind = CommuneKind(field: feature.string(kindField) ?? "") }
            rows.append((commune, geometry))
        }
        if !padded.isEmpty {
            logger.warning(
                "\(file): \(padded.count) code(s) had lost their leading zeros and were padded (e.g. \(padded.prefix(3).joined(separator: ", ")))"
            )
        }
        if !repaired.isEmpty {
            logger.warning(
                "\(file): repaired \(repaired.count) invalid polygon(s) with GEOS make-valid: \(repaired.joined(separator: ", "))"
            )
        }
        guard !rows.isEmpty else {
            let what = input.provinces.map { "for province(s) \($0.joined(separator: ", "))" } ?? ""
            throw InputError(
                file: file, problem: "no communes found \(what)".trimmingCharacters(in: .whitespaces),
                hint: input.provinces == nil
                    ? "the layer is empty" : "check boundaries.provinces and boundaries.province_code")
        }
        rows.sort { ($0.0.provinceCode, $0.0.code) < ($1.0.provinceCode, $1.0.code) }
        let communes = rows.enumerated().map { i, r in
            var c = Commune(
                id: i + 1, code: r.0.code, name: r.0.name, provinceCode: r.0.provinceCode,
                provinceName: r.0.provinceName)
            c.kind = r.0.kind
            return c
        }
        if srs.isGeographic,
            let e = rows.map({ $0.1.envelope }).reduce(nil, { (a: Envelope?, b) in a.map { $0.union(b) } ?? b }),
            e.minY < -90 || e.maxY > 90
        {
            throw InputError(
                file: file, problem: "latitudes reach \(e.minY < -90 ? e.minY : e.maxY), beyond ±90°",
                hint: "the coordinates look like (lat, lon) pairs: a geographic layer must list longitude first")
        }
        let toLonLat = try CoordinateTransform(from: srs, to: .wgs84())
        var box: Envelope?
        for (_, g) in rows {
            let e = g.envelope
            var xs = [e.minX, e.maxX, e.minX, e.maxX], ys = [e.minY, e.minY, e.maxY, e.maxY]
            guard toLonLat.transform(x: &xs, y: &ys) else {
                throw InputError(
                    file: file, problem: "coordinates cannot be transformed to lon/lat", hint: "check the layer's CRS")
            }
            let b = Envelope(minX: xs.min()!, maxX: xs.max()!, minY: ys.min()!, maxY: ys.max()!)
            box = box.map { $0.union(b) } ?? b
        }
        return CommuneSet(communes: communes, geometries: rows.map(\.1), sourceCRS: srs, lonLatBox: box!)
    }
}
