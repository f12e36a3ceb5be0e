import CGDAL
import Foundation

/// An OGR spatial reference (OGRSpatialReferenceH), always in traditional GIS axis order (x = lon/easting), released in
/// `deinit`.
public final class SpatialReference {
    let handle: OGRSpatialReferenceH

    init(owning handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    /// Parses anything `OSRSetFromUserInput` takes: "EPSG:4326", a PROJ string, WKT. Throws on text it cannot read.
    public convenience init(userInput: String) throws {
        guard let h = OSRNewSpatialReference(nil) else { throw GDALRuntime.takeError("creating a spatial reference") }
        self.init(owning: h)
        GDALRuntime.resetError()
        // Returns OGRERR_NONE (0) on success.
        if OSRSetFromUserInput(h, userInput) != OGRERR_NONE {
            throw GDALRuntime.takeError("reading the CRS '\(userInput.prefix(120))'")
        }
    }

    /// Parses WKT only (never a file name, URL or database lookup): for CRS text a run wrote itself.
    public convenience init(wkt: String) throws {
        guard let h = OSRNewSpatialReference(nil) else { throw GDALRuntime.takeError("creating a spatial reference") }
        self.init(owning: h)
        GDALRuntime.resetError()
        // OSRImportFromWkt only advances the cursor over what it read; it never writes the text. OGRERR_NONE (0) on
        // success.
        let status = wkt.withCString { text in
            var cursor: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: text)
            return OSRImportFromWkt(h, &cursor)
        }
        if status != OGRERR_NONE {
            throw GDALRuntime.takeError("reading the CRS WKT '\(wkt.prefix(120))'")
        }
    }

    /// WGS 84 longitude/latitude (EPSG:4326 in x = lon order).
    public static func wgs84() -> SpatialReference {
        // EPSG:4326 is in PROJ's database; failure here means PROJ's data files are missing.
        try! SpatialReference(userInput: "EPSG:4326")
    }

    /// An Albers equal-area conic on WGS 84 (EPSG:4326's datum and axes) in metres, called `name`: a CRS QGIS and
    /// GDAL show by that name and read back alike from a GeoPackage and a GeoTIFF.
    public static func albersEqualArea(
        name: String, latitudeOfOrigin: Double, centralMeridian: Double, parallel1: Double, parallel2: Double
    ) throws -> SpatialReference {
        guard let h = OSRNewSpatialReference(nil) else { throw GDALRuntime.takeError("creating a spatial reference") }
        let srs = SpatialReference(owning: h)
        GDALRuntime.resetError()
        // Each returns OGRERR_NONE (0) on success.
        guard OSRSetProjCS(h, name) == OGRERR_NONE, OSRSetWellKnownGeogCS(h, "WGS84") == OGRERR_NONE,
            OSRSetACEA(h, parallel1, parallel2, latitudeOfOrigin, centralMeridian, 0, 0) == OGRERR_NONE,
            OSRSetLinearUnits(h, SRS_UL_METER, 1) == OGRERR_NONE
        else { throw GDALRuntime.takeError("building the Albers CRS '\(name)'") }
        return srs
    }

    /// This CRS as a GeoTIFF's keys give it back (written to and read from a one-cell GeoTIFF in memory). Writing the
    /// result everywhere (GeoPackages, CSVs, rasters) makes every output read back with the very same WKT, so a GIS
    /// sees one CRS, not one per format.
    public func asGeoTIFFStoresIt() throws -> SpatialReference {
        let path = "/vsimem/covgap-crs-\(UUID().uuidString).tif"
        defer { VSIUnlink(path) }
        do {
            let ds = try RasterDataset.create(driver: "GTiff", path: path, width: 1, height: 1, bands: 1, type: .byte)
            try ds.setGeoTransform(GeoTransform(originX: 0, pixelWidth: 1, originY: 0, pixelHeight: -1))
            try ds.setSpatialReference(self)
        }
        guard let srs = try RasterDataset.open(path).spatialReference else {
            throw GDALError(code: 0, message: "", context: "a GeoTIFF dropped the CRS '\(name)'")
        }
        return srs
    }

    /// Copies a borrowed handle (e.g. a layer's SRS); returns nil for NULL.
    static func cloning(_ borrowed: OGRSpatialReferenceH?) -> SpatialReference? {
        guard let borrowed, let copy = OSRClone(borrowed) else { return nil }
        return SpatialReference(owning: copy)
    }

    deinit { OSRRelease(handle) }

    /// WKT2 (2019) text of this CRS.
    public var wkt: String { wkt(format: "WKT2_2019") }

    /// WKT1 (GDAL's flavour) text of this CRS: what GeoPackages and GeoTIFF's readers use, with every authority code
    /// of the datum kept (WKT2 leaves them to the base CRS's code).
    public var wkt1: String { wkt(format: "WKT1_GDAL") }

    private func wkt(format: String) -> String {
        var out: UnsafeMutablePointer<CChar>?
        let options = CStringList(["FORMAT=\(format)", "MULTILINE=NO"])
        guard OSRExportToWktEx(handle, &out, options.constPointer) == OGRERR_NONE, let out else { return "" }
        defer { VSIFree(out) }
        return String(cString: out)
    }

    /// The CRS's name, e.g. "WGS 84 / UTM zone 48N".
    public var name: String { OSRGetName(handle).map { String(cString: $0) } ?? "unnamed" }

    /// True for a geographic (lon/lat) CRS.
    public var isGeographic: Bool { OSRIsGeographic(handle) != 0 }

    /// True for a projected CRS.
    public var isProjected: Bool { OSRIsProjected(handle) != 0 }

    /// The projection method's WKT1 name (e.g. "Albers_Conic_Equal_Area"), nil when not projected.
    public var projectionMethod: String? {
        guard let value = OSRGetAttrValue(handle, "PROJECTION", 0) else { return nil }
        return String(cString: value)
    }

    /// Linear unit of a projected CRS in metres per unit (1 for metres).
    public var linearUnitMetres: Double { OSRGetLinearUnits(handle, nil) }

}

/// Not thread-safe: OSR handles are used by one thread at a time.
@available(*, unavailable)
extension SpatialReference: Sendable {}

/// A coordinate transformation between two CRSs (OGRCoordinateTransformationH), destroyed in `deinit`.
public final class CoordinateTransform {
    let handle: OGRCoordinateTransformationH

    /// Builds the transformation; throws when PROJ finds no path between the CRSs.
    public init(from source: SpatialReference, to target: SpatialReference) throws {
        GDALRuntime.resetError()
        guard let h = OCTNewCoordinateTransformation(source.handle, target.handle) else {
            throw GDALRuntime.takeError("building a coordinate transformation")
        }
        handle = h
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }

    /// Transforms points in place; returns false if any point failed (e.g. outside the projection's domain).
    @discardableResult
    public func transform(x: inout [Double], y: inout [Double]) -> Bool {
        precondition(x.count == y.count)
        let n = Int32(x.count)
        var success = [Int32](repeating: 0, count: x.count)
        let ok = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                OCTTransformEx(handle, n, xs.baseAddress, ys.baseAddress, nil, &success)
            }
        }
        return ok != 0 && !success.contains(0)
    }

    /// Transforms one point; nil when it falls outside the domain.
    public func transform(x: Double, y: Double) -> (x: Double, y: Double)? {
        var xs = [x]
        var ys = [y]
        return transform(x: &xs, y: &ys) ? (xs[0], ys[0]) : nil
    }
}

@available(*, unavailable)
extension CoordinateTransform: Sendable {}
