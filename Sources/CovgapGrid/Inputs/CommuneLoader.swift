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

    /// The provinces the communes belong to, as a person names the area: "Điện Biên", "Hà Nội, Phú Thọ", or
    /// the first two and how many more.
    public var areaName: String {
        var names: [String] = []
        for c in communes where !names.contains(c.provinceName) { names.append(c.provinceName) }
        names = names.map { $0.isEmpty ? "?" : $0 }
        if names.count <= 3 { return names.joined(separator: ", ") }
        return "\(names[0]), \(names[1]) and \(names.count - 2) more provinces"
    }

    init(communes: [Commune], geometries: [Geometry], sourceCRS: SpatialReference, lonLatBox: Envelope) {
        self.communes = communes
        self.geometries = geometries
        self.sourceCRS = sourceCRS
        self.lonLatBox = lonLatBox
    }
}

/// Reads and checks the commune boundary layer.
public enum CommuneLoader {
    /// Loads communes per `input`; throws `InputError` for missing fields, null or duplicate codes, non-polygons, no
    /// CRS.
    public static func load(_ input: BoundaryInput, logger: Logger) throws -> CommuneSet {
        let file = input.path
        let (layer, srs) = try openLayer(input)
        var reader = try FeatureReader(input: input, layer: layer)
        var rows: [(Commune, Geometry)] = []
        layer.resetReading()
        while let feature = layer.nextFeature() {
            if let row = try reader.read(feature) { rows.append(row) }
        }
        if !reader.padded.isEmpty {
            let (count, examples) = (reader.padded.count, reader.padded.prefix(3).joined(separator: ", "))
            logger.warning("\(file): \(count) code(s) had lost their leading zeros and were padded (e.g. \(examples))")
        }
        if !reader.repaired.isEmpty {
            let codes = reader.repaired.joined(separator: ", ")
            logger.warning(
                "\(file): repaired \(reader.repaired.count) invalid polygon(s) with GEOS make-valid: \(codes)")
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
        try checkLongitudeFirst(rows.map(\.1), srs: srs, file: file)
        return CommuneSet(
            communes: communes, geometries: rows.map(\.1), sourceCRS: srs,
            lonLatBox: try lonLatBox(rows.map(\.1), srs: srs, file: file))
    }

    /// The boundary layer, opened and checked: it exists, declares a CRS and holds features.
    static func openLayer(_ input: BoundaryInput) throws -> (VectorLayer, SpatialReference) {
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
        return (layer, srs)
    }

    /// Refuses a geographic layer whose latitudes leave ±90°: its pairs are (lat, lon).
    static func checkLongitudeFirst(_ geometries: [Geometry], srs: SpatialReference, file: String) throws {
        guard srs.isGeographic,
            let e = geometries.map(\.envelope).reduce(nil, { (a: Envelope?, b) in a.map { $0.union(b) } ?? b }),
            e.minY < -90 || e.maxY > 90
        else { return }
        throw InputError(
            file: file, problem: "latitudes reach \(e.minY < -90 ? e.minY : e.maxY), beyond ±90°",
            hint: "the coordinates look like (lat, lon) pairs: a geographic layer must list longitude first")
    }

    /// The communes' bounding box in lon/lat (each envelope's corners transformed).
    static func lonLatBox(_ geometries: [Geometry], srs: SpatialReference, file: String) throws -> Envelope {
        let toLonLat = try CoordinateTransform(from: srs, to: .wgs84())
        var box: Envelope?
        for g in geometries {
            let e = g.envelope
            var xs = [e.minX, e.maxX, e.minX, e.maxX], ys = [e.minY, e.minY, e.maxY, e.maxY]
            guard toLonLat.transform(x: &xs, y: &ys) else {
                throw InputError(
                    file: file, problem: "coordinates cannot be transformed to lon/lat", hint: "check the layer's CRS")
            }
            let b = Envelope(minX: xs.min()!, maxX: xs.max()!, minY: ys.min()!, maxY: ys.max()!)
            box = box.map { $0.union(b) } ?? b
        }
        return box!
    }
}

/// Reads the boundary layer's features one by one: the configured fields, the province filter, and the checks each
/// commune must pass (a code, UTF-8 names, no duplicate, a polygon that is valid or can be made so).
struct FeatureReader {
    let input: BoundaryInput
    let code: Int, name: Int, province: Int, provinceName: Int, kind: Int?
    let keep: Set<String>?
    private var seen: [String: Int] = [:]
    private var index = 0
    /// Codes whose polygons were repaired, and codes padded back to their leading zeros.
    private(set) var repaired: [String] = [], padded: [String] = []

    init(input: BoundaryInput, layer: VectorLayer) throws {
        let fieldNames = layer.fields.map(\.name)
        func field(_ name: String, _ key: String) throws -> Int {
            guard let i = layer.fieldIndex(name) else {
                throw InputError(
                    file: input.path,
                    problem: "the layer '\(layer.name)' has no field '\(name)' (set as boundaries.\(key))",
                    hint: "its fields are: \(fieldNames.joined(separator: ", "))")
            }
            return i
        }
        self.input = input
        code = try field(input.communeCodeField, "commune_code")
        name = try field(input.communeNameField, "commune_name")
        province = try field(input.provinceCodeField, "province_code")
        provinceName = try field(input.provinceNameField, "province_name")
        kind = try input.communeKindField.map { try field($0, "commune_kind") }
        keep = input.provinces.map(Set.init)
    }

    /// The next feature as a commune with its polygon; nil when its province is not selected.
    mutating func read(_ feature: Feature) throws -> (Commune, Geometry)? {
        index += 1
        let file = input.path, at = "feature \(index)"
        let rawProvince = feature.string(province)?.trimmingCharacters(in: .whitespaces) ?? ""
        let provinceCode = NameKey.code(rawProvince, width: 2)
        if let keep, !keep.contains(provinceCode) { return nil }
        guard let rawCode = feature.string(code)?.trimmingCharacters(in: .whitespaces), !rawCode.isEmpty else {
            throw InputError(
                file: file, location: at, problem: "the commune code field '\(input.communeCodeField)' is empty",
                hint: "every commune needs its 5-digit code")
        }
        // Spreadsheets and integer fields drop leading zeros (3127 for 03127): pad digits-only codes back.
        let communeCode = NameKey.code(rawCode, width: 5)
        if communeCode != rawCode || provinceCode != rawProvince { padded.append(communeCode) }
        let place = "\(at) (code \(communeCode))"
        let communeName = feature.string(name) ?? "", provinceLabel = feature.string(provinceName) ?? ""
        if (communeName + provinceLabel).contains("\u{FFFD}") {
            throw InputError(
                file: file, location: place, problem: "names are not valid UTF-8",
                hint: "convert the layer to UTF-8 (legacy TCVN3/VNI encodings are not read), "
                    + "e.g. ogr2ogr with -lco ENCODING=UTF-8")
        }
        if let first = seen[communeCode] {
            throw InputError(
                file: file, location: place,
                problem: "commune code \(communeCode) appears again (first at feature \(first))",
                hint: "each commune must appear once; merge or fix the duplicate")
        }
        seen[communeCode] = index
        let geometry = try polygon(of: feature, at: place, code: communeCode)
        var commune = Commune(
            id: 0, code: communeCode, name: communeName, provinceCode: provinceCode, provinceName: provinceLabel)
        if let kind { commune.kind = CommuneKind(field: feature.string(kind) ?? "") }
        return (commune, geometry)
    }

    /// The feature's polygon, repaired when invalid (rings closed first, then GEOS make-valid).
    private mutating func polygon(of feature: Feature, at place: String, code: String) throws -> Geometry {
        guard var geometry = feature.geometry, !geometry.isEmpty else {
            throw InputError(
                file: input.path, location: place, problem: "has no geometry", hint: "give every commune its polygon")
        }
        guard geometry.type.isAreal || geometry.type == .collection else {
            throw InputError(
                file: input.path, location: place, problem: "geometry is a \(geometry.type), not a polygon",
                hint: "boundaries must be polygons or multipolygons")
        }
        guard !geometry.isValid else { return geometry }
        // GEOS cannot even build an unclosed ring: close rings first, then make valid what is still invalid.
        geometry.closeRings()
        if !geometry.isValid {
            do { geometry = try geometry.madeValid().polygonalPart() } catch {
                throw InputError(
                    file: input.path, location: place,
                    problem: "the polygon is invalid and cannot be repaired (\(error))",
                    hint: "fix it, e.g. in QGIS with Fix Geometries, or ogr2ogr -makevalid")
            }
        }
        repaired.append(code)
        return geometry
    }
}
