/// What a cell of a commune is for one technology, the way an analyst reads a coverage map: every carrier with a
/// layer covers it, some do, none does, or it is unknown (no carrier's layer says: nodata). The raster value of each
/// class in `coverage_classes_*.tif`; 0 there is outside every commune.
public enum CoverageClass: UInt8, CaseIterable, Sendable {
    case all = 1, some = 2, none = 3, unknown = 4

    /// The class of a cell's coverage bits, given the bits of the carriers that have a layer for the technology.
    public static func of(bits: UInt8, allCarriers: UInt8) -> CoverageClass {
        if bits == CoverageBits.undetermined { return .unknown }
        if bits & CoverageBits.carrierMask == 0 { return .none }
        return bits & allCarriers == allCarriers ? .all : .some
    }

    /// Its colour on every map covgap draws or styles (report, QGIS): green, amber, red, grey.
    public var rgb: (r: UInt8, g: UInt8, b: UInt8) {
        switch self {
        case .all: (46, 139, 87)
        case .some: (240, 180, 41)
        case .none: (200, 30, 45)
        case .unknown: (150, 150, 150)
        }
    }

    /// "#2e8b57" and so on.
    public var hex: String {
        let (r, g, b) = rgb
        return "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Its name in Vietnamese, then English, for legends and category names.
    public var names: (vi: String, en: String) {
        switch self {
        case .all: ("Mọi nhà mạng phủ sóng", "every carrier covers")
        case .some: ("Một số nhà mạng phủ sóng", "some carriers cover")
        case .none: ("Không nhà mạng nào: vùng lõm", "no carrier: dead zone")
        case .unknown: ("Không rõ: không có dữ liệu", "unknown: no data")
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
