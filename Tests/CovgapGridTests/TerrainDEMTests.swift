import CovgapTestSupport
import Foundation
import GDALBridge
import Testing

@testable import CovgapGrid

/// SRTM voids are filled before the DEM is warped, from the DEM's own data around them, and nothing is invented
/// beyond the DEM's edge.
@Suite struct TerrainDEMTests {
    /// A 2 km square of 100 m cells: ground at 100 m, a 500 m wide plateau at 700 m (columns 8…12), and a 2 × 2 void
    /// (SRTM's −32768) in the plateau at rows 9…10, columns 9…10.
    static func warped(_ f: Fixture, voids: Bool = true) throws -> (TerrainDEM, [Float]) {
        let n = 20
        let heights = (0..<(n * n)).map { i -> Int16 in
            let (r, c) = (i / n, i % n)
            if voids && (9...10).contains(r) && (9...10).contains(c) { return -32768 }
            return (8...12).contains(c) ? 700 : 100
        }
        let source = try f.raster("dem.tif", columns: n, rows: n, values: heights, noData: -32768)
        let srs = try SpatialReference(userInput: Fixture.crs)
        let grid = AnalysisGrid(
            crsWKT: srs.wkt,
            geoTransform: GeoTransform(
                originX: Fixture.x0, pixelWidth: 100, originY: Fixture.y0 + 2000, pixelHeight: -100),
            width: n, height: n, cellArea: .constant(10_000), resolutionMetres: 100)
        // Padded by 300 m: ceil(3) + 2 = 5 cells on each side, beyond the DEM's edge.
        let dem = try TerrainDEM.warp(source, onto: grid, srs: srs, rangeMetres: 300, scratch: f.path("warped.tif"))
        let ds = try RasterDataset.open(dem.path)
        let values = try ds.band(1).read(
            PixelWindow(column: 0, row: 0, width: dem.width, height: dem.height), as: Float.self)
        return (dem, values)
    }

    @Test func aVoidInsideAPlateauTakesThePlateausHeight() throws {
        let f = try Fixture()
        let (dem, values) = try TerrainDEMTests.warped(f)
        #expect(dem.voidCells == 4)
        #expect(dem.width == 30 && dem.height == 30)
        // Every nearest valid cell around the void, in every direction, is on the plateau: 700 m, not sea level.
        for r in 9...10 {
            for c in 9...10 { #expect(abs(values[(r + 5) * 30 + c + 5] - 700) < 1e-3, "row \(r) column \(c)") }
        }
        // Cells that had data keep it exactly.
        #expect(values[5 * 30 + 5] == 100)
        #expect(values[(9 + 5) * 30 + 8 + 5] == 700)
    }

    @Test func nothingIsExtrapolatedBeyondTheDEMsEdge() throws {
        let f = try Fixture()
        let (_, values) = try TerrainDEMTests.warped(f)
        let outside = (0..<30).flatMap { r in (0..<30).map { (r, $0) } }
            .filter { !(5..<25).contains($0.0) || !(5..<25).contains($0.1) }
        #expect(outside.count == 900 - 400)
        #expect(outside.allSatisfy { values[$0.0 * 30 + $0.1].isNaN })
    }

    @Test func aDEMWithoutVoidsIsWarpedAsItIs() throws {
        let f = try Fixture()
        let (dem, values) = try TerrainDEMTests.warped(f, voids: false)
        #expect(dem.voidCells == 0)
        #expect(values[(9 + 5) * 30 + 9 + 5] == 700)
        #expect(!FileManager.default.fileExists(atPath: f.path("warped.tif.voids.tif")))
    }
}
