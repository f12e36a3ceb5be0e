import CovgapSupport
import Foundation
import GDALBridge
import Synchronization

/// The scratch rasters the first pass writes (local zone labels per kind and scope, carrier-coverage bits per scope),
/// shared by all workers. GDAL handles are not thread-safe, so they live inside the mutex: no worker reaches them
/// except under the lock.
final class TileSink: Sendable {
    private let rasters: Mutex<(labels: RasterDataset, coverBits: RasterDataset)>

    init(labels: sending RasterDataset, coverBits: sending RasterDataset) {
        rasters = Mutex((labels, coverBits))
    }

    /// Writes one tile's local labels into label band `band` (1-based).
    func writeLabels(window: PixelWindow, band: Int, labels tileLabels: UnsafeBufferPointer<UInt32>) throws {
        try rasters.withLock { try $0.labels.band(band).write(window, from: tileLabels) }
    }

    /// Writes one tile's coverage bits into scope band `band` (1-based).
    func writeBits(window: PixelWindow, band: Int, bits: UnsafeBufferPointer<UInt8>) throws {
        try rasters.withLock { try $0.coverBits.band(band).write(window, from: bits) }
    }

    /// Flushes both rasters to disk (and their blocks out of GDAL's cache).
    func flush() throws {
        try rasters.withLock {
            try $0.labels.flush()
            try $0.coverBits.flush()
        }
    }
}
