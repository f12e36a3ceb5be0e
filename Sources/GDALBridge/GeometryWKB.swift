import CGDAL

/// A geometry as ISO well-known binary (little-endian): a plain value, so it may cross threads, which an OGR handle
/// may not. Each thread that needs the geometry rebuilds its own handle with `Geometry(_:)`; the round trip keeps every
/// coordinate bit for bit.
public struct WKBGeometry: Sendable, Hashable {
    public let bytes: [UInt8]

    /// Wraps bytes that are already WKB (checked when a `Geometry` is built from them).
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

extension Geometry {
    /// This geometry as a value that may cross threads.
    public var wkb: WKBGeometry {
        let size = OGR_G_WkbSizeEx(handle)
        var bytes = [UInt8](repeating: 0, count: size)
        _ = bytes.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(handle, wkbNDR, $0.baseAddress) }
        return WKBGeometry(bytes: bytes)
    }

    /// Rebuilds a geometry from its WKB value; throws when the bytes are not WKB.
    public convenience init(_ value: WKBGeometry) throws {
        self.init(owning: try value.makeHandle())
    }
}

extension WKBGeometry {
    /// A new OGR geometry from the bytes, owned by the caller.
    func makeHandle() throws -> OGRGeometryH {
        var out: OGRGeometryH?
        GDALRuntime.resetError()
        let err = bytes.withUnsafeBytes { OGR_G_CreateFromWkbEx($0.baseAddress, nil, &out, $0.count) }
        guard err == OGRERR_NONE, let out else { throw GDALRuntime.takeError("reading a WKB geometry") }
        return out
    }
}

extension Feature {
    /// Sets the feature's geometry from a WKB value, handing the new geometry to the feature (no copy).
    public func setGeometry(_ value: WKBGeometry) throws {
        OGR_F_SetGeometryDirectly(handle, try value.makeHandle())
    }
}
