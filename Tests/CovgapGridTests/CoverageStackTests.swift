import CovgapTestSupport
@testable import CovgapGrid
@testable import CovgapModel
import Foundation
import GDALBridge
import Testing

/// Coverage layers warped as stacks (one warp per source grid, GDAL's no-mask kernel on small integer types) against
/// GDAL warping each file on its own with validity masks and NaN nodata, cell by cell on a reprojected grid.
@Suite struct CoverageStackTests {
    @Test func stacksReadLikeOneMaskedWarpPerFile() throws {
        let fx = try Fixture()
        let (cols, rows) = (60, 45)
        var rng = Mutator(seed: 11)
        func level(_ i: Int) -> Int16 { rng.next() % 9 == 0 ? -32768 : Int16(-140 + Int(rng.next() % 100)) }
        let utm = "EPSG:32648", x0 = 560_000.0, top = 2_300_000.0
        let a = try fx.raster(
            "a.tif", columns: cols, rows: rows, values: (0..<(cols * rows)).map(level), noData: -32768, crs: utm,
            originX: x0, topY: top)
        let b = try fx.raster(
            "b.tif", columns: cols, rows: rows, values: (0..<(cols * rows)).map(level), noData: -32768, crs: utm,
            originX: x0, topY: top)
        let c = try fx.raster(
            "c.tif", columns: cols, rows: rows, values: (0..<(cols * rows)).map { Float(level($0)) }, noData: -32768,
            crs: utm, originX: x0, topY: top)
        let d = try fx.raster(
            "d.tif", columns: cols, rows: rows, values: (0..<(cols * rows)).map(level), noData: -32768, crs: utm,
            originX: x0 + 250, topY: top - 130)
        let layers = [a, c, b, d].map {
            CoverageInput(
                carrier: "x", technology: .fourG, path: $0, band: 1, values: .rsrpDbm, thresholdDbm: nil,
                noData: .uncovered,
                resampling: "near")
        }
        // A 70 m equal-area grid over the rasters: every cell is reprojected, none aligned with the sources.
        let crs = try SpatialReference(userInput: "EPSG:6933")
        let box = try GridInputs.extent(
            of: try RasterDataset.open(a), geoTransform: try RasterDataset.open(a).geoTransform!,
            from: try SpatialReference(userInput: utm), in: crs)!
        let grid = try GridBuilder.build(crs: crs, extent: box, resolutionMetres: 70, configPath: "test")
        let stacks = try CoverageStacks.build(layers, grid: grid, errorPixels: 0.125, scratch: { fx.path($0) })

        // a and b share a grid and an Int16 type: one stack, no masks. c (Float32) and d (shifted) stand alone.
        #expect(stacks.map(\.layers) == [[0, 2], [1], [3]])
        #expect(stacks[0].sentinel == -32768 && stacks[1].sentinel.isNaN && stacks[2].sentinel == -32768)

        let window = PixelWindow(column: 0, row: 0, width: grid.width, height: grid.height)
        var compared = 0, valid = 0
        for stack in stacks {
            var values = [Float](repeating: 0, count: window.cellCount * stack.bands.count)
            try values.withUnsafeMutableBufferPointer {
                try RasterDataset.open(stack.path).read(window, bands: stack.bands, into: $0)
            }
            for (k, l) in stack.layers.enumerated() {
                let reference = fx.path("reference_\(l).vrt")
                try GridInputs.warpVRT(
                    try RasterDataset.open(layers[l].path), grid: grid, resampling: "near", type: "Float32",
                    to: reference)
                let expected: [Float] = try RasterDataset.open(reference).band(1).read(window)
                for i in 0..<window.cellCount {
                    let got = values[k * window.cellCount + i]
                    let mine = got == stack.sentinel ? Float.nan : got
                    #expect(mine == expected[i] || (mine.isNaN && expected[i].isNaN), "layer \(l) cell \(i)")
                    compared += 1
                    if !expected[i].isNaN { valid += 1 }
                }
            }
        }
        // Every layer compared over the whole grid, most cells holding a level.
        #expect(compared == 4 * window.cellCount && valid > compared / 2)
    }
}
