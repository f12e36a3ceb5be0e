import CovgapSupport
import GDALBridge
import Synchronization

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
            try sink.write(window: window, band: s + 1, values: final)
        }
    }

    /// The labels raster's bands, opened by this worker.
    func labelBands(count: Int) throws -> [RasterBand] {
        try (1...count).map { try labels.dataset.band($0) }
    }
}

/// The final zone raster (one UInt32 band per scope), written by all second-pass workers; the handle lives inside the
/// mutex, so it is reached only under the lock.
final class ZoneSink: Sendable {
    private let dataset: Mutex<RasterDataset>

    init(dataset: sending RasterDataset) { self.dataset = Mutex(dataset) }

    /// Writes one tile's values (a value, not a pointer, so nothing but the handle is shared under the lock).
    func write(window: PixelWindow, band: Int, values: [UInt32]) throws {
        try dataset.withLock { try $0.band(band).write(window, values: values) }
    }

    /// Writes every cached block to the file.
    func flush() throws { try dataset.withLock { try $0.flush() } }
}
