import CGDAL

/// The one door for vector files from outside (a province's submission, on the service or the command line): opened
/// read-only by the named drivers alone, so a body that is really an OGR VRT, a GeoPackage, a SQLite file or any other
/// format that can name further files is refused, and never through a virtual, network or archive filesystem.
public enum UntrustedVector {
    /// The formats a submission may be, with the one driver each is read by.
    public enum Format: String, Sendable, CaseIterable {
        case csv, geojson

        var driver: String { self == .csv ? "CSV" : "GeoJSON" }
    }

    /// Why a path is not opened at all, before GDAL sees it.
    public struct Refused: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Opens `path` as `format` only. Refuses GDAL's special path forms (`/vsi…`, `DRIVER:…`, URLs, inline text).
    public static func open(_ path: String, as format: Format) throws -> VectorDataset {
        try refuseSpecialForms(path)
        // No sibling listing (the CSV driver's .csvt/.prj side files are still read when they exist beside the file).
        CPLSetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR")
        defer { CPLSetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", nil) }
        let h = try DatasetHandles.open(
            path, kind: GDAL_OF_VECTOR, update: false, what: "submission", drivers: [format.driver])
        return VectorDataset(handle: h, path: path)
    }

    static func refuseSpecialForms(_ path: String) throws {
        let lowered = path.lowercased()
        guard path.hasPrefix("/") || path.hasPrefix(".") || !path.contains(":") else {
            throw Refused(description: "'\(path)' is not a plain file path (a GDAL driver or connection prefix)")
        }
        guard !lowered.contains("/vsi"), !lowered.contains("://"), !path.hasPrefix("<"), !path.hasPrefix("{") else {
            throw Refused(description: "'\(path)' names a virtual or network filesystem, or inline data")
        }
    }
}
