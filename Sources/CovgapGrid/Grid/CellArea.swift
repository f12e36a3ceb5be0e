import Foundation

/// True ground area of a grid cell: constant on an equal-area projection, per row on a lon/lat grid.
public enum CellArea: Sendable, Codable, Equatable {
    /// Every cell has this area in m².
    case constant(Double)
    /// Cell area in m² for each grid row.
    case perRow([Double])

    /// Area in m² of a cell in `row`.
    @inline(__always)
    public func squareMetres(row: Int) -> Double {
        switch self {
        case let .constant(a): return a
        case let .perRow(rows): return rows[row]
        }
    }

    /// Exact WGS 84 ellipsoid area (m²) of the lon/lat quadrangle between `lat1` and `lat2` (degrees), `dLon` degrees
    /// wide.
    public static func ellipsoidQuadrangle(lat1: Double, lat2: Double, dLon: Double) -> Double {
        let a = 6378137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f), e = e2.squareRoot(), b2 = a * a * (1 - e2)
        // Authalic integral: area from the equator to φ per radian of longitude.
        func q(_ deg: Double) -> Double {
            let s = sin(deg * .pi / 180)
            return b2 / 2 * (s / (1 - e2 * s * s) + 1 / (2 * e) * log((1 + e * s) / (1 - e * s)))
        }
        return abs(q(lat2) - q(lat1)) * abs(dLon) * .pi / 180
    }
}
