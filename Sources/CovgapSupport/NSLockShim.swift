import Foundation

/// A lock with a throwing `withLock`, for serializing GDAL writes from several workers.
public final class NSLockShim: @unchecked Sendable {
    private let lock = NSLock()

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Starts empty.
    public init() {}
}
