import CovgapGrid
import CovgapSupport
import Foundation
import GDALBridge

/// What a run folder must be before anything in it is read: every file covgap wrote, as a regular file of its own
/// (no link that could point at another folder's data, no FIFO that would hang a reader), each opened by the one GDAL
/// driver covgap wrote it with. Whatever is wrong is an `InputError` naming the file and what to do, never a crash.
enum RunFolderChecks {
    static let rerun =
        "re-run covgap analyze (and covgap workorders) into a new folder and publish or review against that"

    /// The largest grid a run can hold (cells), well beyond a national 50 m grid; a manifest claiming more is damaged.
    static let maxCells = 2_000_000_000

    /// `folder/name` (`name` may hold a subfolder, "workorders/viettel.geojson") when it is a regular file and neither
    /// it
    /// nor a folder on the way is a symbolic link; else an `InputError`.
    static func member(_ folder: String, _ name: String) throws -> String {
        var path = folder
        let parts = name.split(separator: "/")
        for (i, part) in parts.enumerated() {
            path += "/" + part
            let last = i == parts.count - 1
            switch SystemCalls.entryKind(path) {
            case .missing: throw InputError(file: folder, problem: "lacks \(name)", hint: rerun)
            case .symbolicLink:
                throw InputError(
                    file: path,
                    problem: "is a symbolic link; covgap writes none into a run folder, so it was put there by hand",
                    hint: "replace it with the file covgap wrote, or " + rerun)
            case .regular where last, .directory where !last: continue
            default:
                throw InputError(file: path, problem: last ? "is not a regular file" : "is not a folder", hint: rerun)
            }
        }
        return path
    }

    /// The run folder itself, with links in its own path resolved (a `current → 2026-Q4` link is fine).
    static func folder(_ path: String) throws -> String {
        guard let resolved = SystemCalls.realPath(path) else {
            throw InputError(
                file: path, problem: "is not a finished covgap run (the folder does not exist or cannot be read)",
                hint: "give the folder covgap analyze wrote")
        }
        guard SystemCalls.entryKind(resolved) == .directory else {
            throw InputError(file: path, problem: "is not a folder", hint: "give the folder covgap analyze wrote")
        }
        return resolved
    }

    /// Refuses a grid no run could have written: sizes out of range, a transform that is not north-up with positive
    /// cells.
    static func grid(_ g: Manifest.Grid, file: String) throws {
        let t = g.geoTransform
        let cells = g.width.multipliedReportingOverflow(by: g.height)
        let sane =
            t.count == 6 && t.allSatisfy(\.isFinite) && t[1] > 0 && t[5] < 0 && t[2] == 0 && t[4] == 0
            && g.width > 0 && g.height > 0 && !cells.overflow && cells.partialValue <= maxCells
            && g.resolutionMetres.isFinite && g.resolutionMetres > 0
        guard sane else {
            throw InputError(
                file: file, location: "grid",
                problem: "describes no grid covgap writes (\(g.width) × \(g.height) cells, transform \(t))",
                hint: rerun)
        }
    }

    /// Opens one of the run's grid rasters as GeoTIFF only, checking it has the grid's size, `bands` bands of `type`.
    static func raster(_ path: String, grid: AnalysisGrid, bands: Int, type: RasterDataType) throws {
        let ds: RasterDataset
        do { ds = try RasterDataset.open(path, drivers: ["GTiff"]) } catch {
            throw InputError(file: path, problem: "is not a GeoTIFF covgap wrote (\(error))", hint: rerun)
        }
        guard ds.width == grid.width, ds.height == grid.height else {
            throw InputError(
                file: path,
                problem: "is \(ds.width) × \(ds.height) cells but the run's grid is \(grid.width) × \(grid.height)",
                hint: rerun)
        }
        guard ds.bandCount >= bands else {
            throw InputError(file: path, problem: "has \(ds.bandCount) band(s), the run needs \(bands)", hint: rerun)
        }
        for b in 1...bands {
            let found = try ds.band(b).dataType
            guard found == type else {
                throw InputError(
                    file: path, location: "band \(b)", problem: "is \(found.rawValue), covgap writes \(type.rawValue)",
                    hint: rerun)
            }
        }
    }
}

/// One layer of a run's coverage.gpkg, read by field name: a missing layer, a missing field or a field of the wrong
/// kind is an `InputError` naming the file, layer and field.
struct RunLayer {
    let file: String
    let layer: VectorLayer
    private let types: [String: String]

    /// The layer `name` of `dataset` (the GeoPackage at `file`).
    init(_ dataset: VectorDataset, _ name: String, file: String) throws {
        self.file = file
        guard dataset.layerNames.contains(name) else {
            throw InputError(file: file, problem: "has no layer '\(name)'", hint: RunFolderChecks.rerun)
        }
        layer = try dataset.layer(named: name)
        types = Dictionary(layer.fields.map { ($0.name, $0.typeName) }, uniquingKeysWith: { a, _ in a })
    }

    /// The index of text field `name`; any field kind reads as text.
    func text(_ name: String) throws -> Int { try index(name, kinds: nil) }

    /// The index of numeric field `name` (Integer, Integer64 or Real).
    func number(_ name: String) throws -> Int { try index(name, kinds: ["Integer", "Integer64", "Real"]) }

    /// The index of field `name` when the layer has it (optional columns); nil when absent, an error when not numeric.
    func optionalNumber(_ name: String) throws -> Int? { types[name] == nil ? nil : try number(name) }

    /// The index of field `name` when the layer has it; nil when absent.
    func optionalText(_ name: String) -> Int? { layer.fieldIndex(name) }

    private func index(_ name: String, kinds: Set<String>?) throws -> Int {
        guard let i = layer.fieldIndex(name), let kind = types[name] else {
            throw InputError(
                file: file, location: "layer \(layer.name)", problem: "lacks the field '\(name)'",
                hint: RunFolderChecks.rerun)
        }
        if let kinds, !kinds.contains(kind) {
            throw InputError(
                file: file, location: "layer \(layer.name), field \(name)",
                problem: "is \(kind), covgap writes a number there",
                hint: RunFolderChecks.rerun)
        }
        return i
    }

    /// The feature's polygon, or an error naming the feature when it has none or another kind of geometry.
    func polygon(of feature: Feature, number: Int) throws -> Geometry {
        guard let g = feature.geometry, [.polygon, .multiPolygon].contains(g.type) else {
            throw InputError(
                file: file, location: "layer \(layer.name), feature \(number)", problem: "has no polygon",
                hint: RunFolderChecks.rerun)
        }
        return g
    }
}
