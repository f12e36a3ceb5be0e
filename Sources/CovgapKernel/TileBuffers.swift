/// One worker's tile buffers, allocated once for the largest tile and reused for every tile: contiguous, owned memory
/// the inner loops index through plain pointers (no per-cell copy-on-write, exclusivity or bounds bookkeeping).
/// Layer-, scope- and band-major: plane `k` of a tile with `n` cells starts at `k × n`.
final class TileBuffers {
    /// The most cells a tile has.
    let capacity: Int
    /// Commune ids (0 = none).
    let ids: UnsafeMutableBufferPointer<UInt32>
    /// Warped coverage values, one plane per layer.
    let values: UnsafeMutableBufferPointer<Float>
    /// People per cell (NaN or ≤ 0 = none).
    let people: UnsafeMutableBufferPointer<Double>
    /// Labeller keys, one plane per zone band (dead zones of each scope, then partial not-spots).
    let keys: UnsafeMutableBufferPointer<UInt32>
    /// Local labels of the band being labelled.
    let labels: UnsafeMutableBufferPointer<UInt32>
    /// Carrier-coverage bits, one plane per scope.
    let bits: UnsafeMutableBufferPointer<UInt8>

    /// Buffers for tiles of up to `capacity` cells with `layers` coverage layers, `zoneBands` key planes, `scopes` bit
    /// planes.
    init(capacity: Int, layers: Int, zoneBands: Int, scopes: Int) {
        self.capacity = capacity
        ids = Self.zeroed(capacity)
        values = Self.zeroed(capacity * max(layers, 1))
        people = Self.zeroed(capacity)
        keys = Self.zeroed(capacity * zoneBands)
        labels = Self.zeroed(capacity)
        bits = Self.zeroed(capacity * scopes)
    }

    deinit {
        ids.deallocate(); values.deallocate(); people.deallocate(); keys.deallocate(); labels.deallocate();
        bits.deallocate()
    }

    private static func zeroed<T: Numeric>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
        let p = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        p.initialize(repeating: 0)
        return p
    }

    /// Plane `k` (of `n` cells) of a plane-major buffer.
    @inline(__always)
    static func plane<T>(
        _ buffer: UnsafeMutableBufferPointer<T>, _ k: Int, cells n: Int
    ) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(rebasing: buffer[(k * n)..<((k + 1) * n)])
    }
}
