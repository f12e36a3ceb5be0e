import CGDAL

/// An open OGR vector dataset (GDALDatasetH opened as vector), closed in `deinit`.
public final class VectorDataset {
    let handle: GDALDatasetH
    public let path: String

    init(handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    /// Opens a vector source, by any driver OGR has or only the named `drivers`. Throws GDAL's message when it cannot.
    public static func open(_ path: String, update: Bool = false, drivers: [String]? = nil) throws -> VectorDataset {
        VectorDataset(
            handle: try DatasetHandles.open(
                path, kind: GDAL_OF_VECTOR, update: update, what: "vector layer source", drivers: drivers),
            path: path)
    }

    /// Creates a new vector dataset with `driver` ("GPKG", "GeoJSON", "CSV", "Memory").
    public static func create(driver: String, path: String, options: [String] = []) throws -> VectorDataset {
        VectorDataset(
            handle: try DatasetHandles.create(
                driver: driver, path: path, width: 0, height: 0, bands: 0, type: GDT_Unknown,
                options: options), path: path)
    }

    deinit { GDALClose(handle) }

    public var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    /// Names of all layers, in order.
    public var layerNames: [String] {
        (0..<layerCount).compactMap { i in
            GDALDatasetGetLayer(handle, Int32(i)).map { String(cString: OGR_L_GetName($0)) }
        }
    }

    /// The layer called `name`, or the first layer when `name` is nil.
    public func layer(named name: String?) throws -> VectorLayer {
        let h: OGRLayerH?
        if let name { h = GDALDatasetGetLayerByName(handle, name) } else { h = GDALDatasetGetLayer(handle, 0) }
        guard let h else {
            let known = layerNames.joined(separator: ", ")
            throw GDALError(
                code: 0, message: "",
                context: name.map { "'\(path)' has no layer '\($0)' (layers: \(known))" }
                    ?? "'\(path)' has no layers")
        }
        return VectorLayer(handle: h, dataset: self)
    }

    /// Creates a layer; `geometry` is an OGR geometry type such as `.multiPolygon`.
    public func createLayer(
        name: String, srs: SpatialReference?, geometry: GeometryType, options: [String] = []
    ) throws -> VectorLayer {
        GDALRuntime.resetError()
        let opts = CStringList(options)
        guard let h = GDALDatasetCreateLayer(handle, name, srs?.handle, geometry.ogrType, opts.pointer) else {
            throw GDALRuntime.takeError("creating layer '\(name)' in '\(path)'")
        }
        return VectorLayer(handle: h, dataset: self)
    }

    /// Starts a transaction where the driver supports one (GPKG); returns false otherwise.
    @discardableResult
    public func beginTransaction() -> Bool { GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE }

    /// Commits a transaction started with `beginTransaction`.
    public func commitTransaction() throws {
        GDALRuntime.resetError()
        guard GDALDatasetCommitTransaction(handle) == OGRERR_NONE else {
            throw GDALRuntime.takeError("committing to '\(path)'")
        }
    }
}

@available(*, unavailable)
extension VectorDataset: Sendable {}

/// OGR field types the project uses.
public enum FieldType: Sendable {
    case string, integer, integer64, real

    var ogrType: OGRFieldType {
        switch self {
        case .string: return OFTString
        case .integer: return OFTInteger
        case .integer64: return OFTInteger64
        case .real: return OFTReal
        }
    }
}

/// A field's name and kind as the layer declares it.
public struct FieldDefinition: Sendable, Equatable {
    public let name: String
    /// OGR's name for the type, e.g. "String", "Integer", "Real".
    public let typeName: String
}

/// A layer of a vector dataset; borrowed handle, keeps its dataset alive.
public final class VectorLayer {
    let handle: OGRLayerH
    public let dataset: VectorDataset

    init(handle: OGRLayerH, dataset: VectorDataset) {
        self.handle = handle
        self.dataset = dataset
    }

    public var name: String { String(cString: OGR_L_GetName(handle)) }

    /// Feature count (forcing a scan when the driver does not know it).
    public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    /// The layer's CRS, nil when it declares none.
    public var spatialReference: SpatialReference? { SpatialReference.cloning(OGR_L_GetSpatialRef(handle)) }

    /// The declared fields, in order.
    public var fields: [FieldDefinition] {
        let defn = OGR_L_GetLayerDefn(handle)
        return (0..<Int(OGR_FD_GetFieldCount(defn))).map { i in
            let f = OGR_FD_GetFieldDefn(defn, Int32(i))
            return FieldDefinition(
                name: String(cString: OGR_Fld_GetNameRef(f)),
                typeName: String(cString: OGR_GetFieldTypeName(OGR_Fld_GetType(f))))
        }
    }

    /// Index of field `name`, nil when absent.
    public func fieldIndex(_ name: String) -> Int? {
        let i = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(handle), name)
        return i >= 0 ? Int(i) : nil
    }

    /// Adds a field; `width`/`precision` control text formats (CSV, GeoJSON) such as 4 decimals.
    public func createField(_ name: String, type: FieldType, width: Int = 0, precision: Int = 0) throws {
        guard let defn = OGR_Fld_Create(name, type.ogrType) else {
            throw GDALRuntime.takeError("defining field '\(name)'")
        }
        defer { OGR_Fld_Destroy(defn) }
        if width > 0 { OGR_Fld_SetWidth(defn, Int32(width)) }
        if precision > 0 { OGR_Fld_SetPrecision(defn, Int32(precision)) }
        GDALRuntime.resetError()
        guard OGR_L_CreateField(handle, defn, 1) == OGRERR_NONE else {
            throw GDALRuntime.takeError("adding field '\(name)' to layer '\(self.name)' of '\(dataset.path)'")
        }
    }

    /// The layer's bounding box in its own CRS (scanning features when the driver does not know it).
    public var extent: Envelope? {
        var e = OGREnvelope()
        guard OGR_L_GetExtent(handle, &e, 1) == OGRERR_NONE else { return nil }
        return Envelope(minX: e.MinX, maxX: e.MaxX, minY: e.MinY, maxY: e.MaxY)
    }

    /// Restarts reading from the first feature.
    public func resetReading() { OGR_L_ResetReading(handle) }

    /// The next feature, nil at the end.
    public func nextFeature() -> Feature? {
        OGR_L_GetNextFeature(handle).map { Feature(owning: $0) }
    }

    /// The next feature, nil at the true end; throws when the driver stopped on an error instead (a CSV line past
    /// GDAL's length limit, a truncated file), which `nextFeature` cannot tell from the end.
    public func nextFeatureOrFailure() throws -> Feature? {
        GDALRuntime.resetError()
        if let f = OGR_L_GetNextFeature(handle) { return Feature(owning: f) }
        guard CPLGetLastErrorType().rawValue < CE_Failure.rawValue else {
            throw GDALRuntime.takeError("reading layer '\(name)' of '\(dataset.path)'")
        }
        return nil
    }

    /// A fresh feature with this layer's schema, to fill and `add`.
    public func makeFeature() -> Feature { Feature(owning: OGR_F_Create(OGR_L_GetLayerDefn(handle))) }

    /// Writes a new feature to the layer.
    public func add(_ feature: Feature) throws {
        GDALRuntime.resetError()
        guard OGR_L_CreateFeature(handle, feature.handle) == OGRERR_NONE else {
            throw GDALRuntime.takeError("writing a feature to layer '\(name)' of '\(dataset.path)'")
        }
    }
}

@available(*, unavailable)
extension VectorLayer: Sendable {}
