import CovgapSupport
import Foundation
import GDALBridge

/// Where each band of rows meets the rest of its columns: for every band, distance layer and column, how many rows
/// separate the band's first row from the nearest covered cell above it (`down`), and its last row from the nearest
/// covered cell below it (`up`). With them the distance pass needs only a band's own rows and is exact at once.
///
/// Found in one top-down sweep over the coverage bits, in parallel strips of columns: `down` is the running column
/// distance at each band's start; `up` follows, band by band from the bottom, from the first covered row of each band.
/// Stored in a scratch file (band, direction, layer, column; UInt16, `far` = none within 65,534 rows), so memory is a
/// few rows whatever the grid's size.
struct ColumnBoundaries {
    static let far = UInt16.max

    let path: String
    let width: Int
    let height: Int
    let bandRows: Int
    /// The distance layers, in order: technology band of the bits raster (0 = 3G, 1 = 4G) and carrier bit.
    let layers: [ZoneDistances.Layer]

    var bandCount: Int { (height + bandRows - 1) / bandRows }
    private var vectorBytes: Int { layers.count * width * 2 }

    /// Sweeps `bitsPath` in strips of `stripWidth` columns on `threads` workers and writes the file at `path`.
    static func compute(
        bitsPath: String, width: Int, height: Int, bandRows: Int, layers: [ZoneDistances.Layer], stripWidth: Int,
        threads: Int, to path: String
    ) throws -> ColumnBoundaries {
        let result = ColumnBoundaries(path: path, width: width, height: height, bandRows: bandRows, layers: layers)
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw InternalError("cannot create \(path)")
        }
        let strips = stride(from: 0, to: width, by: stripWidth).map { $0..<min($0 + stripWidth, width) }
        _ = try ParallelTiles.run(
            tileCount: strips.count, threads: threads,
            makeWorker: { _ in try RasterDataset.open(bitsPath) },
            body: { bits, k in try result.sweep(strips[k], bits: bits) })
        return result
    }

    /// One strip: the top-down sweep, then `up` from the bottom band upwards; both written at the strip's columns.
    private func sweep(_ columns: Range<Int>, bits: RasterDataset) throws {
        let n = layers.count, w = columns.count, bands = bandCount
        let masks = layers.map { UInt8(1) << UInt8($0.carrier) }
        let techBands = try [1, 2].map { try bits.band($0) }
        var running = [UInt16](repeating: ColumnBoundaries.far, count: n * w)
        var down = [UInt16](repeating: 0, count: bands * n * w)
        // First covered row of each band, counted from the band's first row (`far` where none).
        var first = [UInt16](repeating: ColumnBoundaries.far, count: bands * n * w)
        let chunkRows = max(1, min(bandRows, (1 << 20) / max(w, 1)))
        var rows = [[UInt8]](repeating: [UInt8](repeating: 0, count: chunkRows * w), count: 2)
        for b in 0..<bands {
            let r0 = b * bandRows, r1 = min(height, r0 + bandRows)
            down.withUnsafeMutableBufferPointer { d in
                running.withUnsafeBufferPointer { r in
                    for i in 0..<(n * w) { d[b * n * w + i] = r[i] }
                }
            }
            for start in stride(from: r0, to: r1, by: chunkRows) {
                let count = min(chunkRows, r1 - start)
                let window = PixelWindow(column: columns.lowerBound, row: start, width: w, height: count)
                for t in 0..<2 where layers.contains(where: { $0.scope == t }) {
                    try rows[t].withUnsafeMutableBufferPointer { try techBands[t].read(window, into: $0) }
                }
                running.withUnsafeMutableBufferPointer { r in
                    first.withUnsafeMutableBufferPointer { f in
                        for y in 0..<count {
                            for (k, layer) in layers.enumerated() {
                                rows[layer.scope].withUnsafeBufferPointer { row in
                                    ColumnBoundaries.advance(
                                        running: r.baseAddress! + k * w, first: f.baseAddress! + b * n * w + k * w,
                                        row: row.baseAddress! + y * w, mask: masks[k], width: w,
                                        offset: UInt16(start + y - r0))
                                }
                            }
                        }
                    }
                }
            }
        }
        // up[b]: rows from band b's last row to the nearest covered row below, through the bands beneath.
        var up = [UInt16](repeating: ColumnBoundaries.far, count: n * w)
        guard let file = FileHandle(forWritingAtPath: path) else { throw InternalError("cannot write \(path)") }
        defer { try? file.close() }
        for b in stride(from: bands - 1, through: 0, by: -1) {
            try write(file, band: b, direction: 0, columns: columns, values: down[(b * n * w)..<((b + 1) * n * w)])
            try write(file, band: b, direction: 1, columns: columns, values: up[...])
            // Moving up one band: band b's own first covered rows (or its height plus what lay below it).
            let height = min(self.height, (b + 1) * bandRows) - b * bandRows
            for i in 0..<(n * w) {
                let f = first[b * n * w + i]
                up[i] =
                    f != ColumnBoundaries.far
                    ? f
                    : (up[i] >= ColumnBoundaries.far - UInt16(min(height, Int(ColumnBoundaries.far)))
                        ? ColumnBoundaries.far : up[i] + UInt16(height))
            }
        }
    }

    /// One row of one layer across a strip: a covered cell sets its running distance to 0 (and, if it is the band's
    /// first, marks `first` with the row's offset in the band); any other cell is one row farther, saturating at `far`.
    @inline(__always)
    private static func advance(
        running r: UnsafeMutablePointer<UInt16>, first f: UnsafeMutablePointer<UInt16>, row: UnsafePointer<UInt8>,
        mask: UInt8, width w: Int, offset: UInt16
    ) {
        for x in 0..<w {
            if row[x] & mask != 0 {
                r[x] = 0
                if f[x] == ColumnBoundaries.far { f[x] = offset }
            } else {
                let v = r[x]
                r[x] = v >= ColumnBoundaries.far - 1 ? ColumnBoundaries.far : v + 1
            }
        }
    }

    /// Writes one strip's piece of one band's vectors (per layer, the strip's columns) at their place in the file.
    private func write(
        _ file: FileHandle, band b: Int, direction: Int, columns: Range<Int>, values: ArraySlice<UInt16>
    ) throws {
        let w = columns.count
        for k in layers.indices {
            let offset = (b * 2 + direction) * vectorBytes + (k * width + columns.lowerBound) * 2
            try file.seek(toOffset: UInt64(offset))
            let piece = values[(values.startIndex + k * w)..<(values.startIndex + (k + 1) * w)]
            try file.write(contentsOf: piece.withUnsafeBytes { Data($0) })
        }
    }

    /// Reads band `b`'s vectors in one direction (0 = down, 1 = up) for every layer: `into[k × width + x]`.
    func read(band b: Int, direction: Int, from file: FileHandle, into buffer: inout [UInt16]) throws {
        try file.seek(toOffset: UInt64((b * 2 + direction) * vectorBytes))
        guard let data = try file.read(upToCount: vectorBytes), data.count == vectorBytes else {
            throw InternalError("\(path) ends before band \(b)")
        }
        if buffer.count != layers.count * width { buffer = .init(repeating: 0, count: layers.count * width) }
        buffer.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
    }
}
