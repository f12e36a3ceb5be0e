/// Hands values that are only read (GDAL geometries and CRS handles, never modified while shared) to parallel workers.
public final class UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
