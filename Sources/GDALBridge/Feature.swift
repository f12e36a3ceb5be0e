import CGDAL

/// An owned OGR feature (OGRFeatureH), destroyed in `deinit`.
public final class Feature {
    let handle: OGRFeatureH

    init(owning handle: OGRFeatureH) { self.handle = handle }

    deinit { OGR_F_Destroy(handle) }

    /// True when field `index` has a value (set and not null).
    public func hasValue(_ index: Int) -> Bool { OGR_F_IsFieldSetAndNotNull(handle, Int32(index)) != 0 }

    /// Field `index` as text (GDAL formats numbers), nil when unset or null.
    public func string(_ index: Int) -> String? {
        guard hasValue(index) else { return nil }
        return String(cString: OGR_F_GetFieldAsString(handle, Int32(index)))
    }

    /// Field `index` as a number, nil when unset or null.
    public func double(_ index: Int) -> Double? {
        hasValue(index) ? OGR_F_GetFieldAsDouble(handle, Int32(index)) : nil
    }

    /// Sets field `index` to text, or to null when `value` is nil.
    public func set(_ index: Int, _ value: String?) {
        if let value {
            OGR_F_SetFieldString(handle, Int32(index), value)
        } else {
            OGR_F_SetFieldNull(handle, Int32(index))
        }
    }

    /// Sets field `index` to a real number, or to null when nil.
    public func set(_ index: Int, _ value: Double?) {
        if let value {
            OGR_F_SetFieldDouble(handle, Int32(index), value)
        } else {
            OGR_F_SetFieldNull(handle, Int32(index))
        }
    }

    /// Sets field `index` to an integer, or to null when nil.
    public func set(_ index: Int, _ value: Int64?) {
        if let value {
            OGR_F_SetFieldInteger64(handle, Int32(index), value)
        } else {
            OGR_F_SetFieldNull(handle, Int32(index))
        }
    }

    /// A copy of the feature's geometry, nil when it has none.
    public var geometry: Geometry? {
        guard let g = OGR_F_GetGeometryRef(handle), let copy = OGR_G_Clone(g) else { return nil }
        return Geometry(owning: copy)
    }

    /// Sets the geometry (copied).
    public func setGeometry(_ geometry: Geometry) {
        OGR_F_SetGeometry(handle, geometry.handle)
    }
}

@available(*, unavailable)
extension Feature: Sendable {}

extension Feature {
    /// Sets field `i` from a CSV cell: empty is null, integer and real fields get numbers, others the text.
    public func set(_ i: Int, text v: String, as type: FieldType?) {
        switch type {
        case .integer?, .integer64?: set(i, v.isEmpty ? nil : Int64(v))
        case .real?: set(i, v.isEmpty ? nil : Double(v))
        default: set(i, v.isEmpty ? nil : v)
        }
    }
}
