import CovgapGrid
import CovgapModel
import Foundation
import GDALBridge

/// Distance from a point to the nearest cell each carrier covers, read from a run's coverage-bits raster: cell centre
/// to cell centre in grid cells × resolution, like the dead zones' `nearest_km_C`. Windows grow (±16, 64, 256, 1024
/// cells) until every carrier is found or the largest window is searched; a carrier found within the window's half-side
/// is exact.
final class CoverageDistance {
    private let band: [RasterBand]
    private let grid: AnalysisGrid
    private let toGrid: CoordinateTransform

    init(bitsPath: String, grid: AnalysisGrid, gridCRS: SpatialReference) throws {
        let ds = try RasterDataset.open(bitsPath)
        band = try (1...TechnologyScope.allCases.count).map { try ds.band($0) }
        self.grid = grid
        toGrid = try CoordinateTransform(from: .wgs84(), to: gridCRS)
    }

    /// km to the nearest covered cell of each of `carriers` (indices) in scope `scope`, nil where none lies within
    /// ±1024 cells.
    func nearestKm(lon: Double, lat: Double, scope: Int, carriers: [Int]) throws -> [Int: Double] {
        guard let p = toGrid.transform(x: lon, y: lat), let (col, row) = grid.geoTransform.cell(x: p.x, y: p.y) else {
            return [:]
        }
        var found: [Int: Double] = [:]
        for half in [16, 64, 256, 1024] {
            let c0 = max(0, col - half), r0 = max(0, row - half)
            let c1 = min(grid.width - 1, col + half), r1 = min(grid.height - 1, row + half)
            guard c0 <= c1, r0 <= r1 else { return found }
            let window = PixelWindow(column: c0, row: r0, width: c1 - c0 + 1, height: r1 - r0 + 1)
            let bits: [UInt8] = try band[scope].read(window)
            var best = [Int: Int](minimumCapacity: carriers.count)  // squared cell distance
            for r in 0..<window.height {
                let dy = r0 + r - row
                for x in 0..<window.width {
                    let b = bits[r * window.width + x]
                    guard b != 0, b & CoverageBits.undetermined == 0 else { continue }
                    let dx = c0 + x - col, d2 = dx * dx + dy * dy
                    for c in carriers where b & (1 << UInt8(c)) != 0 && d2 < best[c, default: .max] { best[c] = d2 }
                }
            }
            for c in carriers where found[c] == nil {
                if let d2 = best[c], Double(d2).squareRoot() <= Double(half) {
                    found[c] = Double(d2).squareRoot() * grid.resolutionMetres / 1000
                }
            }
            if found.count == carriers.count { break }
        }
        return found
    }
}
