import GDALBridge

/// One worker of the second pass: maps each tile's local labels to final zone values (written to the zone raster) and
/// takes, per zone, the least distance to each carrier's coverage from the proximity rasters. Lives on one thread.
final class ZoneTileWorker {
    private let labels: RasterBand
    /// distances[s][c]: the proximity bands whose per-cell minimum is the distance for scope s and carrier c (empty where
    /// not computed).
    private let distances: [[[RasterBand]]]
    private let sink: ZoneSink
    private var local: [UInt32] = []
    private var final: [UInt32] = []
    private var distance: [Float] = []

    private var other: [Float] = []

    init(labelsPath: String, distancePaths: [[[String]]], sink: ZoneSink) throws {
        let ds = try RasterDataset.open(labelsPath)
        labels = try ds.band(1)
        distances = try distancePaths.map { row in try row.map { try $0.map { try RasterDataset.open($0).band(1) } } }
        self.sink = sink
    }

    /// Per scope: the least distance (cells) to each carrier, by final zone value; writes the final labels.
    func process(_ window: PixelWindow, tileMaps: [[UInt32]], labelBands: [RasterBand]) throws -> [[UInt32: [Float]]] {
        let n = window.cellCount
        if local.count != n { local = .init(repeating: 0, count: n); final = local; distance = .init(repeating: 0, count: n); other = distance }
        var out: [[UInt32: [Float]]] = []
        for s in tileMaps.indices {
            try local.withUnsafeMutableBufferPointer { try labelBands[s].read(window, into: $0) }
            let map = tileMaps[s]
            var any = false
            for i in 0..<n {
                let l = Int(local[i])
                final[i] = l == 0 ? 0 : map[l - 1]
                any = any || final[i] != 0
            }
            try final.withUnsafeBufferPointer { try sink.write(window: window, band: s + 1, values: $0) }
            // Least distance per zone and carrier; zones come in runs along rows, so remember the last one's slot.
            let carriers = distances[s].count
            guard any, carriers > 0 else { out.append([:]); continue }
            var slotOf: [UInt32: Int] = [:]
            var least: [Float] = []
            var lastZone: UInt32 = 0, lastSlot = 0
            for i in 0..<n where final[i] != 0 && final[i] != lastZone {
                lastZone = final[i]
                if slotOf[lastZone] == nil {
                    slotOf[lastZone] = least.count / carriers
                    least.append(contentsOf: repeatElement(Float.infinity, count: carriers))
                }
            }
            for (c, bands) in distances[s].enumerated() {
                guard let first = bands.first else { continue }
                try distance.withUnsafeMutableBufferPointer { try first.read(window, into: $0) }
                for band in bands.dropFirst() {
                    // The nearer of the technologies (−1: no covered cell at all in that one).
                    try other.withUnsafeMutableBufferPointer { try band.read(window, into: $0) }
                    for i in 0..<n where other[i] >= 0 && (distance[i] < 0 || other[i] < distance[i]) { distance[i] = other[i] }
                }
                lastZone = 0
                for i in 0..<n where final[i] != 0 && distance[i] >= 0 {
                    if final[i] != lastZone { lastZone = final[i]; lastSlot = slotOf[lastZone]! }
                    least[lastSlot * carriers + c] = min(least[lastSlot * carriers + c], distance[i])
                }
            }
            let mins = slotOf.mapValues { Array(least[($0 * carriers)..<($0 * carriers + carriers)]) }
            out.append(mins)
        }
        return out
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
