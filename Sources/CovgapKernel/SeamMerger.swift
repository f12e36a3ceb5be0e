import CovgapGrid
import CovgapModel

/// Joins per-tile zone pieces that touch across tile seams (edges and corners) into whole zones, drops zones under the
/// minimum area, numbers the rest, and maps each tile's local labels to final zone values. Sequential and
/// deterministic.
public struct SeamMerger {
    let grid: AnalysisGrid
    let tileSize: Int
    let minAreaFixed: Int64
    /// What the pieces' keys hold: the commune id alone (total) or the commune id and the covering carriers (partial).
    var kind: ZoneKind = .total

    /// The zones of one scope and, per tile, final raster values by local label − 1 (0 = not a reported zone).
    public struct Result {
        var zones: [DeadZone]
        var tileMaps: [[UInt32]]
    }

    public func merge(scope: TechnologyScope, tiles: [ScopeTileZones]) -> Result {
        var base = [Int](repeating: 0, count: tiles.count + 1)
        for t in tiles.indices { base[t + 1] = base[t] + tiles[t].pieces.count }
        var pieces: [ZonePiece] = []
        pieces.reserveCapacity(base[tiles.count])
        for t in tiles { pieces.append(contentsOf: t.pieces) }
        var parent = Array(0..<pieces.count)
        func find(_ x: Int) -> Int {
            var r = x
            while parent[r] != r { r = parent[r] }
            var y = x
            while parent[y] != r { let n = parent[y]; parent[y] = r; y = n }
            return r
        }
        func join(_ a: Int, _ b: Int) {
            guard pieces[a].commune == pieces[b].commune else { return }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        let cols = grid.tileColumns(size: tileSize)
        let rows = (tiles.count + cols - 1) / max(cols, 1)
        func global(_ t: Int, _ local: UInt32) -> Int { local == 0 ? -1 : base[t] + Int(local) - 1 }
        // Seams between tile rows: full-width lines, so corner-diagonal contacts across tile columns are included.
        for i in 0..<max(rows - 1, 0) {
            let upper = (0..<cols).flatMap { j in tiles[i * cols + j].edges.bottom.map { global(i * cols + j, $0) } }
            let lower = (0..<cols).flatMap { j in
                tiles[(i + 1) * cols + j].edges.top.map { global((i + 1) * cols + j, $0) }
            }
            link(upper, lower, join)
        }
        for j in 0..<max(cols - 1, 0) {
            let left = (0..<rows).flatMap { i in tiles[i * cols + j].edges.right.map { global(i * cols + j, $0) } }
            let right = (0..<rows).flatMap { i in
                tiles[i * cols + j + 1].edges.left.map { global(i * cols + j + 1, $0) }
            }
            link(left, right, join)
        }
        var whole: [Int: ZonePiece] = [:]
        for p in pieces.indices { whole[find(p), default: ZonePiece(commune: pieces[p].commune)].absorb(pieces[p]) }
        let shift = kind == .partial ? ZoneKind.patternBits : 0
        // By commune, then largest first; the first cell (unique to a zone) breaks ties.
        let kept = whole.filter { $0.value.area >= minAreaFixed }
            .sorted { a, b in
                (a.value.commune >> shift, -a.value.area, a.value.firstCell) < (
                    b.value.commune >> shift, -b.value.area, b.value.firstCell
                )
            }
        var finalValue: [Int: UInt32] = [:]
        var zones: [DeadZone] = []
        var numberInCommune = 0
        var lastCommune: UInt32 = 0
        for (k, entry) in kept.enumerated() {
            let commune = entry.value.commune >> shift
            if commune != lastCommune { numberInCommune = 0; lastCommune = commune }
            numberInCommune += 1
            finalValue[entry.key] = UInt32(k + 1)
            var piece = entry.value
            piece.commune = commune
            var zone = DeadZone(
                scope: scope, commune: Int(commune), number: numberInCommune, rasterValue: UInt32(k + 1), piece: piece)
            if kind == .partial { zone.coveredBy = UInt8(truncatingIfNeeded: entry.value.commune & 0xFF) }
            zones.append(zone)
        }
        let maps = tiles.indices.map { t in (0..<tiles[t].pieces.count).map { finalValue[find(base[t] + $0)] ?? 0 } }
        return Result(zones: zones, tileMaps: maps)
    }

    /// Joins labels on two facing lines where cells touch by an edge or a corner.
    private func link(_ a: [Int], _ b: [Int], _ join: (Int, Int) -> Void) {
        for x in a.indices where a[x] >= 0 {
            for dx in -1...1 {
                let y = x + dx
                if y >= 0, y < b.count, b[y] >= 0 { join(a[x], b[y]) }
            }
        }
    }

    /// Memberwise: every stored property, in declaration order.
    public init(grid: AnalysisGrid, tileSize: Int, minAreaFixed: Int64, kind: ZoneKind = .total) {
        self.grid = grid
        self.tileSize = tileSize
        self.minAreaFixed = minAreaFixed
        self.kind = kind
    }
}
