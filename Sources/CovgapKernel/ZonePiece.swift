import GDALBridge

/// Sums for one 8-connected group of total-not-spot cells, within one tile or (after merging) across tiles.
public struct ZonePiece: Sendable, Equatable {
    public var commune: UInt32
    public var cells: Int64 = 0
    /// Area in 1/1000 m² (see `CommuneTally.areaScale`).
    public var area: Int64 = 0
    /// People in millionths (see `CommuneTally.populationScale`).
    public var population: Int64 = 0
    public var sumColumn: Int64 = 0
    public var sumRow: Int64 = 0
    /// Row-major index (row × grid width + column) of the first cell: the zone's position for tie-breaks.
    public var firstCell: Int64 = .max

    /// An empty piece of a zone in `commune`.
    public init(commune: UInt32) { self.commune = commune }

    /// Adds another piece of the same zone.
    public mutating func absorb(_ o: ZonePiece) {
        cells += o.cells; area += o.area; population += o.population
        sumColumn += o.sumColumn; sumRow += o.sumRow; firstCell = min(firstCell, o.firstCell)
    }
}

/// The local labels on a tile's four edges, for joining zones across tile seams.
public struct TileEdges: Sendable {
    public var top: [UInt32], bottom: [UInt32], left: [UInt32], right: [UInt32]

    /// Edges of a tile with no labels.
    init(empty window: PixelWindow) {
        top = Array(repeating: 0, count: window.width)
        bottom = top
        left = Array(repeating: 0, count: window.height)
        right = left
    }

    init(labels: UnsafeBufferPointer<UInt32>, width: Int, height: Int) {
        top = Array(labels[0..<width])
        bottom = Array(labels[((height - 1) * width)..<(height * width)])
        left = (0..<height).map { labels[$0 * width] }
        right = (0..<height).map { labels[$0 * width + width - 1] }
    }
}

/// What one tile contributes to the dead zones of one scope.
public struct ScopeTileZones: Sendable {
    /// Pieces by local label − 1.
    public var pieces: [ZonePiece]
    public var edges: TileEdges
}
