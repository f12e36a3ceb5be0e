import CovgapSupport
import GDALBridge

/// One worker of the second pass: maps each tile's local labels to final zone values, written to the zone raster.
/// Lives on one thread.
final class ZoneTileWorker {
    private let labels: RasterBand
    private let sink: ZoneSink
    private var local: [UInt32] = []
    private var final: [UInt32] = []

    init(labelsPath: String, sink: ZoneSink) throws {
        labels = try RasterDataset.open(labelsPath).band(1)
        self.sink = sink
    }

    /// Writes the final zone values of one tile, band by band.
    func process(_ window: PixelWindow, tileMaps: [[UInt32]], labelBands: [RasterBand]) throws {
        let n = window.cellCount
        if local.count != n { local = .init(repeating: 0, count: n); final = local }
        for s in tileMaps.indices {
            try local.withUnsafeMutableBufferPointer { try labelBands[s].read(window, into: $0) }
            let map = tileMaps[s]
            for i in 0..<n {
                let l = Int(local[i])
                final[i] = l == 0 ? 0 : map[l - 1]
            }
            try final.withUnsafeBufferPointer { try sink.write(window: window, band: s + 1, values: $0) }
        }
    }

    /// The labels raster's bands, opened by this worker.
    func labelBands(count: Int) throws -> [RasterBand] {
        try (1...count).map { try labels.dataset.band($0) }
    }
}

/// The final zone raster (one UInt32 band per scope), written under a lock by all second-pass workers.
final class ZoneSink: @unchecked Sendable {
    private let lock = NSLockShim()
    let dataset: RasterDataset

    init(dataset: RasterDataset) { self.dataset = dataset }

    func write(window: PixelWindow, band: Int, values: UnsafeBufferPointer<UInt32>) throws {
        try lock.withLock { try dataset.band(band).write(window, from: values) }
    }
}
