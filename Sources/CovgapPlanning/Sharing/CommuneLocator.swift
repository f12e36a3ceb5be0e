import CovgapGrid
import Foundation
import GDALBridge

/// Finds the commune under a lon/lat point from a run's commune raster (the same cell-to-commune rule as the
/// statistics).
final class CommuneLocator {
    private let band: RasterBand
    private let grid: AnalysisGrid
    private let toGrid: CoordinateTransform

    init(grid: AnalysisGrid, gridCRS: SpatialReference, communesPath: String) throws {
        band = try RasterDataset.open(communesPath).band(1)
        self.grid = grid
        toGrid = try CoordinateTransform(from: .wgs84(), to: gridCRS)
    }

    /// The 1-based commune id under the point, nil outside every selected commune.
    func commune(lon: Double, lat: Double) throws -> Int? {
        guard let p = toGrid.transform(x: lon, y: lat) else { return nil }
        return try commune(x: p.x, y: p.y)
    }

    /// The 1-based commune id under grid-CRS point (x, y), nil outside every selected commune.
    func commune(x: Double, y: Double) throws -> Int? {
        guard let cell = grid.cell(x: x, y: y) else { return nil }
        let v: [UInt32] = try band.read(PixelWindow(column: cell.column, row: cell.row, width: 1, height: 1))
        return v[0] == 0 ? nil : Int(v[0])
    }
}
