import CovgapSupport
import Foundation
import GDALBridge

/// The scratch rasters the first pass writes (local zone labels per kind and scope, carrier-coverage bits per scope),
/// shared by all workers: GDAL handles are not thread-safe, so every write holds the lock.
final class TileSink: @unchecked Sendable {
    private let lock = NSLockShim()
    private let labels: RasterDataset
    private let coverBits: RasterDataset

    init(labels: RasterDataset, coverBits: RasterDataset) {
        self.labels = labels
        self.coverBits = coverBits
    }

    /// Writes one tile's local labels into label band `band` (1-based).
    func writeLabels(window: PixelWindow, band: Int, labels tileLabels: UnsafeBufferPointer<UInt32>) throws {
        try lock.withLock { try labels.band(band).write(window, from: tileLabels) }
    }

    /// Writes one tile's coverage bits into scope band `band` (1-based).
    func writeBits(window: PixelWindow, band: Int, bits: UnsafeBufferPointer<UInt8>) throws {
        try lock.withLock { try coverBits.band(band).write(window, from: bits) }
    }

    /// Flushes both rasters to disk (and their blocks out of GDAL's cache).
    func flush() throws {
        try lock.withLock {
            try labels.flush()
            try coverBits.flush()
        }
    }
}
