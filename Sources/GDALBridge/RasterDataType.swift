import CGDAL

/// GDAL's pixel data types, as a Swift enum (the bridge maps to and from GDALDataType).
public enum RasterDataType: String, Sendable, Codable {
    case byte = "Byte", int8 = "Int8", uint16 = "UInt16", int16 = "Int16", uint32 = "UInt32", int32 = "Int32"
    case uint64 = "UInt64", int64 = "Int64", float32 = "Float32", float64 = "Float64", complex = "Complex", unknown =
        "Unknown"

    init(_ type: GDALDataType) {
        switch type {
        case GDT_Byte: self = .byte
        case GDT_UInt16: self = .uint16
        case GDT_Int16: self = .int16
        case GDT_UInt32: self = .uint32
        case GDT_Int32: self = .int32
        case GDT_UInt64: self = .uint64
        case GDT_Int64: self = .int64
        case GDT_Float32: self = .float32
        case GDT_Float64: self = .float64
        case GDT_CInt16, GDT_CInt32, GDT_CFloat32, GDT_CFloat64: self = .complex
        default: self = .unknown
        }
    }

    var gdalType: GDALDataType {
        switch self {
        case .byte, .int8: return GDT_Byte
        case .uint16: return GDT_UInt16
        case .int16: return GDT_Int16
        case .uint32: return GDT_UInt32
        case .int32: return GDT_Int32
        case .uint64: return GDT_UInt64
        case .int64: return GDT_Int64
        case .float32: return GDT_Float32
        case .float64: return GDT_Float64
        case .complex: return GDT_CFloat64
        case .unknown: return GDT_Unknown
        }
    }
}

/// A Swift scalar GDAL can read into or write from directly.
public protocol RasterScalar: Sendable {
    static var rasterType: RasterDataType { get }
}
extension UInt8: RasterScalar { public static var rasterType: RasterDataType { .byte } }
extension Int16: RasterScalar { public static var rasterType: RasterDataType { .int16 } }
extension UInt16: RasterScalar { public static var rasterType: RasterDataType { .uint16 } }
extension Int32: RasterScalar { public static var rasterType: RasterDataType { .int32 } }
extension UInt32: RasterScalar { public static var rasterType: RasterDataType { .uint32 } }
extension Float: RasterScalar { public static var rasterType: RasterDataType { .float32 } }
extension Double: RasterScalar { public static var rasterType: RasterDataType { .float64 } }
