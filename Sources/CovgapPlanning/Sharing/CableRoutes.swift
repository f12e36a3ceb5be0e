import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Where a cable hangs: on poles (aerial, treo) or in a duct (underground, ngầm).
public enum CablePlacement: String, Sendable {
    case aerial, underground

    /// Reads aerial / overhead / treo and underground / duct / ngầm (any case); nil otherwise.
    init?(field value: String) {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "aerial", "overhead", "treo", "cáp treo": self = .aerial
        case "underground", "duct", "ngầm", "ngam", "cáp ngầm": self = .underground
        default: return nil
        }
    }
}

/// One feature of a cable route layer: a segment of one carrier's cable along one road.
struct CableSegment {
    /// Feature number in the layer (1-based), for messages and ids.
    let feature: Int
    let owner: String
    let placement: CablePlacement
    let roadName: String
    let roadClass: String
    /// In lon/lat (WGS 84) and in the metric frame.
    let lonLat: Geometry
    let metric: Geometry
    /// Geodesic length in metres.
    let lengthMetres: Double
}

/// Reads a cable route layer (any OGR line layer, any CRS): owner carrier, placement, road name and class per feature.
enum CableLoader {
    static func load(_ input: UndergroundingInput, frame: MetricFrame) throws -> [CableSegment] {
        let file = input.path
        let layer = try ConfiguredLayer.open(file, layer: input.layer, what: "cable route layer", key: "undergrounding")
        func field(_ name: String, _ key: String) throws -> Int {
            guard let i = layer.fieldIndex(name) else {
                throw InputError(
                    file: file, problem: "has no field '\(name)' (set as sharing.undergrounding.\(key))",
                    hint: "its fields are: \(layer.fields.map(\.name).joined(separator: ", "))")
            }
            return i
        }
        let owner = try field(input.ownerField, "owner"), placement = try field(input.placementField, "placement")
        let roadName = try field(input.roadNameField, "road_name"),
            roadClass = try field(input.roadClassField, "road_class")
        guard let srs = layer.spatialReference else {
            throw InputError(
                file: file, problem: "the layer has no CRS", hint: "assign one, e.g. ogr2ogr -a_srs EPSG:4326")
        }
        let toLonLat = try CoordinateTransform(from: srs, to: .wgs84())
        var out: [CableSegment] = []
        var n = 0
        layer.resetReading()
        while let f = layer.nextFeature() {
            n += 1
            let at = "feature \(n)"
            guard let who = f.string(owner)?.trimmingCharacters(in: .whitespaces), !who.isEmpty else {
                throw InputError(
                    file: file, location: at, problem: "the owner field '\(input.ownerField)' is empty",
                    hint: "every cable needs its carrier")
            }
            let rawPlacement = f.string(placement) ?? ""
            guard let place = CablePlacement(field: rawPlacement) else {
                throw InputError(
                    file: file, location: at, problem: "placement '\(rawPlacement)' is neither aerial nor underground",
                    hint: "use aerial (overhead, treo) or underground (duct, ngầm)")
            }
            guard let g = f.geometry, !g.isEmpty, [.lineString, .multiLineString].contains(g.type) else {
                throw InputError(
                    file: file, location: at, problem: "has no line geometry",
                    hint: "cable routes must be lines or multilines")
            }
            let lonLat = g.clone()
            do { try lonLat.transform(toLonLat) } catch {
                throw InputError(
                    file: file, location: at, problem: "cannot be transformed to lon/lat", hint: "check the layer's CRS"
                )
            }
            let length = Geodesic.length(ofLonLat: lonLat)
            guard length.isFinite, length > 0 else {
                throw InputError(
                    file: file, location: at, problem: "the line has no length", hint: "drop degenerate segments")
            }
            let name = f.string(roadName)?.trimmingCharacters(in: .whitespaces) ?? ""
            if (who + name).contains("\u{FFFD}") {
                throw InputError(
                    file: file, location: at, problem: "owner or road name is not valid UTF-8",
                    hint: "convert the layer to UTF-8")
            }
            out.append(
                CableSegment(
                    feature: n, owner: who, placement: place, roadName: name,
                    roadClass: f.string(roadClass)?.trimmingCharacters(in: .whitespaces) ?? "",
                    lonLat: lonLat, metric: try frame.fromLonLat(lonLat), lengthMetres: length))
        }
        guard n > 0 else { throw InputError(file: file, problem: "the layer has no features") }
        return out
    }
}

/// A vector layer the config names, opened with clear refusals.
enum ConfiguredLayer {
    /// The layer `layer` (nil: the first) of `file`; refuses a missing file, an unreadable one or an unknown layer,
    /// naming `what` it is and the config key `sharing.<key>.path` to check.
    static func open(_ file: String, layer: String?, what: String, key: String) throws -> VectorLayer {
        guard FileManager.default.fileExists(atPath: file) else {
            throw InputError(file: file, problem: "\(what) not found", hint: "check sharing.\(key).path in the config")
        }
        let ds: VectorDataset
        do { ds = try VectorDataset.open(file) } catch {
            throw InputError(file: file, problem: "cannot be read as a vector layer (\(error))")
        }
        do { return try ds.layer(named: layer) } catch { throw InputError(file: file, problem: "\(error)") }
    }
}
