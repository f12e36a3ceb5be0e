import CGDAL

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

    /// Copies a borrowed handle (e.g. a layer's SRS); returns nil for NULL.
    static func cloning(_ borrowed: OGRSpatialReferenceH?) -> SpatialReference? {
        guard let borrowed, let copy = OSRClone(borrowed) else { return nil }
        return SpatialReference(owning: copy)
    }

    deinit { OSRRelease(handle) }

    /// WKT2 (2019) text of this CRS.
    public var wkt: String {
        var out: UnsafeMutablePointer<CChar>?
        let options = CStringList(["FORMAT=WKT2_2019", "MULTILINE=NO"])
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
