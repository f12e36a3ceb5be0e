import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The distribution of a coverage layer's values (scaled as its band declares) over the part of the raster that the
/// analysis grid reaches, read block row by block row: what the unit and emptiness checks judge, and where a damaged
/// block is found before a run instead of in the middle of one.
public struct LayerSurvey: Sendable {
    /// Cells read, and cells holding a value (not nodata, not NaN or ±inf).
    var cells = 0, valid = 0
    /// Valid values above −15 dBm (no RSRP/RSCP is that strong), above +30 dBm, below −200 dBm, exactly 0.
    var strong = 0, impossiblyStrong = 0, impossiblyWeak = 0, zeros = 0
    /// Valid values from −1,600 to −200: levels in tenths of a dBm stored without their scale.
    var tenthsLike = 0
    /// Valid values from −160 to −20 (where dBm levels lie), and non-zero values (what a mask counts as covered).
    var dbmLike = 0, nonZero = 0
    /// Valid values at or above the layer's threshold (dBm kinds).
    var covered = 0
    var minimum = Double.infinity, maximum = -Double.infinity
    /// The first cell (column, row of the raster) whose value is out of range for a dBm level, and its value.
    var firstOutOfRange: (column: Int, row: Int, value: Double)?
    /// The part of the raster read.
    var window = PixelWindow(column: 0, row: 0, width: 0, height: 0)

    /// Surveys band `layer.band` of `ds` inside `window`; a read error names the file, band and rows at fault.
    public static func survey(
        _ ds: RasterDataset, band index: Int, window: PixelWindow, thresholdDbm: Double?,
        userPath: String
    ) throws -> LayerSurvey {
        let band = try ds.band(index)
        let scaling = ValueScaling(band), noData = band.noDataValue
        // GDAL 3.6 reads a signed-byte band (PIXELTYPE=SIGNEDBYTE) as unsigned bytes.
        let signedByte = band.dataType == .int8
        var s = LayerSurvey()
        s.window = window
        let rows = max(1, min(window.height, max(band.blockSize.height, (1 << 20) / max(window.width, 1))))
        var buffer = [Double](repeating: 0, count: window.width * rows)
        for row in stride(from: window.row, to: window.row + window.height, by: rows) {
            let strip = PixelWindow(
                column: window.column, row: row, width: window.width,
                height: min(rows, window.row + window.height - row))
            do { try buffer.withUnsafeMutableBufferPointer { try band.read(strip, into: $0) } } catch {
                throw damaged(userPath, band: index, strip: strip, blockHeight: band.blockSize.height, error: error)
            }
            for k in 0..<strip.cellCount {
                let raw = signedByte && buffer[k] > 127 ? buffer[k] - 256 : buffer[k]
                guard raw.isFinite, raw != noData else { continue }
                s.count(
                    scaling.apply(raw), at: (strip.column + k % strip.width, strip.row + k / strip.width),
                    threshold: thresholdDbm)
            }
            s.cells += strip.cellCount
        }
        return s
    }

    private mutating func count(_ v: Double, at cell: (Int, Int), threshold: Double?) {
        valid += 1
        minimum = min(minimum, v)
        maximum = max(maximum, v)
        if v > -15 { strong += 1 }
        if v > 30 { impossiblyStrong += 1 }
        if v < -200 { impossiblyWeak += 1 }
        if v == 0 { zeros += 1 }
        if v >= -1600, v <= -200 { tenthsLike += 1 }
        if v >= -160, v <= -20 { dbmLike += 1 }
        if v != 0 { nonZero += 1 }
        if let threshold, v >= threshold { covered += 1 }
        if firstOutOfRange == nil, v > -15 || v < -200 { firstOutOfRange = (cell.0, cell.1, v) }
    }

    /// A read failure in the user's terms: the file, the band, the rows (and block row) where it breaks.
    static func damaged(_ path: String, band: Int, strip: PixelWindow, blockHeight: Int, error: Error) -> InputError {
        let block = blockHeight > 0 ? " (block row \(strip.row / blockHeight) onwards)" : ""
        return InputError(
            file: path, location: "band \(band), rows \(strip.row)–\(strip.row + strip.height - 1)\(block)",
            problem: "the raster is damaged or truncated: its data cannot be read there (GDAL: \(error))",
            hint:
                "copy or export the file again from its source; gdalinfo -checksum \(path) shows whether it reads whole"
        )
    }

    /// The raster's pixel window that covers `envelope` (in `gridCRS`), clamped to the raster; nil when they do not
    /// meet. `whole` asks for every pixel instead.
    public static func window(
        of ds: RasterDataset, covering envelope: Envelope, gridCRS: SpatialReference, whole: Bool
    ) throws -> PixelWindow? {
        let all = PixelWindow(column: 0, row: 0, width: ds.width, height: ds.height)
        guard !whole, let srs = ds.spatialReference, let inverse = ds.geoTransform?.inverse else { return all }
        let transform = try CoordinateTransform(from: gridCRS, to: srs)
        var xs: [Double] = [], ys: [Double] = []
        for k in 0...20 {
            let f = Double(k) / 20, e = envelope
            let x = e.minX + f * (e.maxX - e.minX), y = e.minY + f * (e.maxY - e.minY)
            xs += [x, x, e.minX, e.maxX]
            ys += [e.minY, e.maxY, y, y]
        }
        transform.transform(x: &xs, y: &ys)
        let pixels = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }.map {
            inverse.apply(column: $0.0, row: $0.1)
        }
        // Untransformable edges (far outside the raster's CRS domain): judge the whole raster.
        guard pixels.count == xs.count else { return all }
        let c0 = max(0, Int(pixels.map(\.x).min()!.rounded(.down)) - 1),
            c1 = min(ds.width, Int(pixels.map(\.x).max()!.rounded(.up)) + 1)
        let r0 = max(0, Int(pixels.map(\.y).min()!.rounded(.down)) - 1),
            r1 = min(ds.height, Int(pixels.map(\.y).max()!.rounded(.up)) + 1)
        guard c1 > c0, r1 > r0 else { return nil }
        return PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0)
    }
}
