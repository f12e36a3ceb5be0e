import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The distance from each dead zone to each carrier's coverage: the least, over the zone's cells, of the Euclidean
/// distance (in cells, between cell centres) to the nearest cell the carrier covers. Exact.
///
/// GDAL's proximity answers another question (a distance for every cell, written as a full-size raster per carrier and
/// technology); a zone needs one number per carrier. So the grid is taken in bands of rows and an exact Euclidean
/// distance transform (Meijster, Roerdink & Hesselink 2000: column distances, then the lower envelope of parabolas
/// along each row) runs on each band alone. A band's column distances start from `ColumnBoundaries`, found first in
/// one sweep: the rows to the nearest covered cell above and below the band in every column. Memory is a few bands
/// of rows, whatever the grid's height.
struct ZoneDistances {
    /// Coverage bits, one Byte band per scope (bit c = carrier c covers).
    let bitsPath: String
    /// Final zone values, one UInt32 band per zone band (dead zones of each scope first).
    let zonesPath: String
    /// Where the column boundaries are written (a scratch file).
    let boundariesPath: String
    let width: Int
    let height: Int
    let carriers: Int
    let scopes: CarrierScopes
    let threads: Int
    /// Core rows per band.
    let bandRows: Int
    /// Columns per strip of the boundary sweep.
    var stripWidth = 1024
    let progress: ProgressMeter

    static let none = Int64.max

    /// For each scope with `needed[s]`: zone value → squared distance in cells per carrier (`none` where the carrier
    /// has no layer in the scope or covers nothing of it).
    func compute(needed: [Bool]) throws -> [[UInt32: [Int64]]] {
        let scopeCount = TechnologyScope.allCases.count
        let layers = [0, 1].flatMap { t in
            (0..<carriers).filter { has(carrier: $0, scope: t) && (needed[t] || needed[2]) }.map {
                Layer(scope: t, carrier: $0)
            }
        }
        guard !layers.isEmpty else { return Array(repeating: [:], count: scopeCount) }
        let boundaries = try ColumnBoundaries.compute(
            bitsPath: bitsPath, width: width, height: height, bandRows: bandRows, layers: layers,
            stripWidth: stripWidth, threads: threads, to: boundariesPath)
        defer { try? FileManager.default.removeItem(atPath: boundariesPath) }
        progress.begin("distances to coverage", total: boundaries.bandCount, unit: "bands")
        defer { progress.end() }
        let results = try ParallelTiles.run(
            tileCount: boundaries.bandCount, threads: threads,
            makeWorker: { _ in try BandWorker(self, needed: needed, layers: layers, boundaries: boundaries) },
            body: { worker, b in try worker.process(band: b) }, progress: progress)
        // The least over the bands, in flat stores (zone → slot; slot × carriers → per-carrier values).
        var slots = [[UInt32: Int]](repeating: [:], count: scopeCount)
        var best = [[Int64]](repeating: [], count: scopeCount)
        for r in results {
            for s in 0..<scopeCount {
                for (k, zone) in r[s].zones.enumerated() {
                    let slot: Int
                    if let known = slots[s][zone] {
                        slot = known
                    } else {
                        slot = best[s].count / carriers
                        slots[s][zone] = slot
                        best[s].append(contentsOf: repeatElement(ZoneDistances.none, count: carriers))
                    }
                    for c in 0..<carriers {
                        best[s][slot * carriers + c] = min(
                            best[s][slot * carriers + c], r[s].distances[k * carriers + c])
                    }
                }
            }
        }
        return (0..<scopeCount).map { s in
            slots[s].mapValues { slot in Array(best[s][(slot * carriers)..<((slot + 1) * carriers)]) }
        }
    }

    /// One band's least squared distances for one scope: `zones` in the order first met, `distances[k × carriers +
    /// c]`.
    struct BandZones: Sendable {
        var zones: [UInt32] = []
        var distances: [Int64] = []
    }

    /// Whether carrier `c` has a layer counted in scope `s`.
    func has(carrier c: Int, scope s: Int) -> Bool { scopes.has(carrier: c, scope: s) }

    /// One distance field: a carrier's coverage in one technology (scope 0 = 3G, 1 = 4G).
    struct Layer: Hashable, Comparable {
        let scope: Int, carrier: Int
        static func < (a: Layer, b: Layer) -> Bool { (a.scope, a.carrier) < (b.scope, b.carrier) }
    }
}

/// One worker: its own GDAL handles and row buffers. Lives on one thread.
private final class BandWorker {
    private let d: ZoneDistances
    private let needed: [Bool]
    private let bits: [RasterBand]
    private let zones: [RasterBand]
    /// The distance fields computed, in order.
    private let layers: [ZoneDistances.Layer]
    private var core: [[UInt8]] = []
    private var labels: [[UInt32]] = []
    /// Column distances (rows) of each layer over the band's core rows, row-major.
    private var columns: [[UInt16]] = []
    private var running: [UInt16] = []
    private let boundaries: ColumnBoundaries
    private let boundaryFile: FileHandle
    private var downVector: [UInt16] = []
    private var upVector: [UInt16] = []
    private var envelopeSite: [Int] = []
    private var envelopeStart: [Int] = []
    private var rowDistance: [[Int64]] = []
    /// The columns a row's transform needs (see `reach`), kept from row to row.
    private var reachable: [Range<Int>] = []
    /// Per scope, the slot of each zone met in the current band (emptied, storage kept, from band to band).
    private var slotOf = [[UInt32: Int]](repeating: [:], count: TechnologyScope.allCases.count)
    /// No covered cell within reach, as the column boundaries say it. Column distances past 65,534 rows (6,553 km at
    /// 100 m) count as none.
    private static let far = ColumnBoundaries.far

    init(_ d: ZoneDistances, needed: [Bool], layers: [ZoneDistances.Layer], boundaries: ColumnBoundaries) throws {
        self.d = d
        self.boundaries = boundaries
        guard let file = FileHandle(forReadingAtPath: boundaries.path) else {
            throw InternalError("cannot read \(boundaries.path)")
        }
        boundaryFile = file
        self.needed = needed
        let b = try RasterDataset.open(d.bitsPath), z = try RasterDataset.open(d.zonesPath)
        bits = try [1, 2].map { try b.band($0) }
        zones = try (1...TechnologyScope.allCases.count).map { try z.band($0) }
        self.layers = layers
    }

    deinit { try? boundaryFile.close() }

    /// Per scope: the least squared distance per carrier of each zone with cells in band `band`.
    func process(band: Int) throws -> [ZoneDistances.BandZones] {
        let w = d.width
        let r0 = band * d.bandRows, r1 = min(d.height, r0 + d.bandRows)
        let rows = r1 - r0
        var out = [ZoneDistances.BandZones](repeating: .init(), count: TechnologyScope.allCases.count)
        for s in slotOf.indices { slotOf[s].removeAll(keepingCapacity: true) }
        // Zone values of the core rows; a band without dead zones needs nothing else.
        // Buffers are kept from band to band (same size but for the last band): no churn of large allocations.
        let window = PixelWindow(column: 0, row: r0, width: w, height: rows)
        if labels.count != zones.count { labels = zones.map { _ in [] }; core = [[], []] }
        for s in zones.indices where needed[s] {
            if labels[s].count != rows * w { labels[s] = .init(repeating: 0, count: rows * w) }
            try labels[s].withUnsafeMutableBufferPointer { try zones[s].read(window, into: $0) }
        }
        guard zones.indices.contains(where: { needed[$0] && labels[$0].contains { $0 != 0 } }) else { return out }
        for s in [0, 1] where layers.contains(where: { $0.scope == s }) {
            if core[s].count != rows * w { core[s] = .init(repeating: 0, count: rows * w) }
            try core[s].withUnsafeMutableBufferPointer { try bits[s].read(window, into: $0) }
        }
        if columns.count != layers.count || columns.first?.count != rows * w {
            columns = layers.map { _ in [UInt16](repeating: 0, count: rows * w) }
        }
        try boundaries.read(band: band, direction: 0, from: boundaryFile, into: &downVector)
        try boundaries.read(band: band, direction: 1, from: boundaryFile, into: &upVector)
        for t in [0, 1] {
            let ks = layers.indices.filter { layers[$0].scope == t }
            if !ks.isEmpty { columnDistances(tech: t, layers: ks, rows: rows) }
        }

        if envelopeSite.count != w { envelopeSite = .init(repeating: 0, count: w); envelopeStart = envelopeSite }
        if rowDistance.count != layers.count || rowDistance.first?.count != w {
            rowDistance = layers.map { _ in [Int64](repeating: 0, count: w) }
        }
        for y in 0..<rows {
            let base = y * w
            let has = (0..<3).map { s in needed[s] && labels[s][base..<(base + w)].contains { $0 != 0 } }
            guard has.contains(true) else { continue }
            for (k, layer) in layers.enumerated() where has[layer.scope] || has[2] {
                let reached = reach(layer: k, row: y, scopes: [layer.scope, 2].filter { has[$0] })
                rowTransform(layer: k, row: y, sites: reached ? reachable : [0..<w])
            }
            for s in 0..<3 where has[s] {
                accumulate(scope: s, row: y, into: &out[s])
            }
        }
        return out
    }

    /// Column distances of technology `t`'s layers `ks` over the band's rows: rows to the nearest covered cell above or
    /// below in the same column, starting from the band's column boundaries (`far` where none).
    private func columnDistances(tech t: Int, layers ks: [Int], rows: Int) {
        let w = d.width, n = ks.count
        let masks = ks.map { UInt8(1) << UInt8(layers[$0].carrier) }
        if running.count != w * n { running = .init(repeating: 0, count: w * n) }
        var run = running
        running = []
        defer { running = run }
        /// One row into the running distances (0 where covered, else one more than the row before).
        func step(_ row: UnsafeBufferPointer<UInt8>, _ r: UnsafeMutableBufferPointer<UInt16>) {
            for j in 0..<n {
                let mask = masks[j], o = j * w
                for x in 0..<w {
                    let v = r[o + x]
                    r[o + x] = row[x] & mask != 0 ? 0 : (v >= BandWorker.far - 1 ? BandWorker.far : v + 1)
                }
            }
        }
        /// The running distances start from the band's boundary vector of each layer.
        func start(from vector: [UInt16]) {
            for j in 0..<n { for x in 0..<w { run[j * w + x] = vector[ks[j] * w + x] } }
        }
        // Down: from the rows above, through the band, storing.
        start(from: downVector)
        core[t].withUnsafeBufferPointer { cells in
            run.withUnsafeMutableBufferPointer { r in
                for y in 0..<rows {
                    step(UnsafeBufferPointer(rebasing: cells[(y * w)..<(y * w + w)]), r)
                    for j in 0..<n {
                        columns[ks[j]].withUnsafeMutableBufferPointer { c in
                            for x in 0..<w { c[y * w + x] = r[j * w + x] }
                        }
                    }
                }
            }
        }
        // Up: from the rows below, back through the band keeping the nearer direction.
        start(from: upVector)
        core[t].withUnsafeBufferPointer { cells in
            run.withUnsafeMutableBufferPointer { r in
                for y in stride(from: rows - 1, through: 0, by: -1) {
                    step(UnsafeBufferPointer(rebasing: cells[(y * w)..<(y * w + w)]), r)
                    for j in 0..<n {
                        columns[ks[j]].withUnsafeMutableBufferPointer { c in
                            for x in 0..<w where r[j * w + x] < c[y * w + x] { c[y * w + x] = r[j * w + x] }
                        }
                    }
                }
            }
        }
    }

    /// Sets `reachable` to the columns whose column distances can give the least distance of a zone cell of row `y`
    /// (zones of `scopes`) for layer `k`, and returns true; false when that is every column. A cell's nearest covered
    /// cell is no farther than the one in its own column, g(x) rows away, so the nearest covered cell of any cell of a
    /// run of zone cells lies within the run's largest g, in columns, of the run. A run with a column that has no
    /// covered cell at all needs the whole row.
    private func reach(layer k: Int, row y: Int, scopes: [Int]) -> Bool {
        let w = d.width, base = y * w
        reachable.removeAll(keepingCapacity: true)
        // A zone cell of either scope (the layer's own, or ANY): the two label rows or-ed, through plain pointers.
        let own = scopes[0], other = scopes.count > 1 ? scopes[1] : scopes[0]
        return columns[k].withUnsafeBufferPointer { g in
            labels[own].withUnsafeBufferPointer { a in
                labels[other].withUnsafeBufferPointer { b in
                    var x = 0
                    while x < w {
                        guard a[base + x] | b[base + x] != 0 else { x += 1; continue }
                        let first = x
                        var reachRows = 0
                        while x < w, a[base + x] | b[base + x] != 0 {
                            let gx = g[base + x]
                            guard gx != BandWorker.far else { return false }
                            reachRows = max(reachRows, Int(gx))
                            x += 1
                        }
                        var lo = max(0, first - reachRows), hi = min(w, x + reachRows)
                        // Merge with the ranges it overlaps (a later run can reach further left than an earlier one).
                        while let last = reachable.last, last.upperBound >= lo {
                            lo = min(lo, last.lowerBound)
                            hi = max(hi, last.upperBound)
                            reachable.removeLast()
                        }
                        reachable.append(lo..<hi)
                    }
                    return true
                }
            }
        }
    }

    /// Squared distances along core row `y` of layer `k`: the lower envelope of the parabolas (x − u)² + g(u)² over
    /// the columns u in `sites` (ascending, disjoint) with a covered cell in reach (Meijster et al., second phase).
    /// Exact at every column whose nearest site is in `sites`.
    private func rowTransform(layer k: Int, row y: Int, sites: [Range<Int>]) {
        let w = d.width
        columns[k].withUnsafeBufferPointer { col in
            let g = UnsafeBufferPointer(rebasing: col[(y * w)..<(y * w + w)])
            envelopeSite.withUnsafeMutableBufferPointer { site in
                envelopeStart.withUnsafeMutableBufferPointer { start in
                    rowDistance[k].withUnsafeMutableBufferPointer { out in
                        // Columns < 2³¹ and column distances < 2¹⁶: no product below can overflow Int64.
                        @inline(__always) func f(_ x: Int, _ u: Int) -> Int64 {
                            let dx = Int64(x &- u), gu = Int64(g[u])
                            return dx &* dx &+ gu &* gu
                        }
                        @inline(__always) func separator(_ i: Int, _ u: Int) -> Int64 {
                            // The first x from which u's parabola lies below i's (i < u), floor division.
                            let gi = Int64(g[i]), gu = Int64(g[u])
                            let num = Int64(u &* u &- i &* i) &+ gu &* gu &- gi &* gi, den = Int64(2 &* (u &- i))
                            return num >= 0 ? num / den : -((-num &+ den &- 1) / den)
                        }
                        var q = -1
                        for range in sites {
                            for u in range where g[u] != BandWorker.far {
                                while q >= 0 && f(start[q], site[q]) > f(start[q], u) { q -= 1 }
                                if q < 0 {
                                    q = 0; site[0] = u; start[0] = 0
                                } else {
                                    let s = separator(site[q], u) + 1
                                    if s < Int64(w) { q += 1; site[q] = u; start[q] = Int(max(s, 0)) }
                                }
                            }
                        }
                        if q < 0 {
                            for x in 0..<w { out[x] = ZoneDistances.none }
                            return
                        }
                        for x in stride(from: w - 1, through: 0, by: -1) {
                            out[x] = f(x, site[q])
                            if x == start[q] { q -= 1 }
                        }
                    }
                }
            }
        }
    }

    /// Folds row `y`'s distances into the least per zone of scope `s` (ANY: the nearer of 3G and 4G per carrier).
    private func accumulate(scope s: Int, row y: Int, into least: inout ZoneDistances.BandZones) {
        let w = d.width, base = y * w, carriers = d.carriers
        let mine = layers.indices.filter { layers[$0].scope == s || s == 2 }
        let carrierOf = mine.map { layers[$0].carrier }
        var lastZone: UInt32 = 0
        var current = [Int64](repeating: ZoneDistances.none, count: carriers)
        func flush() {
            guard lastZone != 0 else { return }
            let slot: Int
            if let known = slotOf[s][lastZone] {
                slot = known
            } else {
                slot = least.zones.count
                slotOf[s][lastZone] = slot
                least.zones.append(lastZone)
                least.distances.append(contentsOf: repeatElement(ZoneDistances.none, count: carriers))
            }
            for c in 0..<carriers where current[c] < least.distances[slot * carriers + c] {
                least.distances[slot * carriers + c] = current[c]
            }
        }
        labels[s].withUnsafeBufferPointer { zoneRow in
            for x in 0..<w {
                let zone = zoneRow[base + x]
                if zone != lastZone {
                    flush()
                    lastZone = zone
                    for c in 0..<carriers { current[c] = ZoneDistances.none }
                }
                guard zone != 0 else { continue }
                for (j, k) in mine.enumerated() {
                    let v = rowDistance[k][x]
                    if v < current[carrierOf[j]] { current[carrierOf[j]] = v }
                }
            }
        }
        flush()
    }
}
