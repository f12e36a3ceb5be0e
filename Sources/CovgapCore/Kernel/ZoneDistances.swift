import GDALBridge

/// The distance from each dead zone to each carrier's coverage: the least, over the zone's cells, of the Euclidean
/// distance (in cells, between cell centres) to the nearest cell the carrier covers. Exact.
///
/// GDAL's proximity answers another question (a distance for every cell, written as a full-size raster per carrier and
/// technology); a zone needs one number per carrier. So the grid is taken in bands of rows, each read with a margin of
/// rows above and below, and an exact Euclidean distance transform (Meijster, Roerdink & Hesselink 2000: column
/// distances, then the lower envelope of parabolas along each row) runs on the band alone. Within a band the
/// distance of a cell is exact whenever it is at most the margin (a nearer covered cell cannot lie outside the rows
/// read). A zone with no cell that close to a carrier is done again in the bands it touches with a margin four
/// times wider, until the margin spans the grid. Memory is a few bands of rows, whatever the grid's height.
struct ZoneDistances {
    /// Coverage bits, one Byte band per scope (bit c = carrier c covers).
    let bitsPath: String
    /// Final zone values, one UInt32 band per zone band (dead zones of each scope first).
    let zonesPath: String
    let width: Int
    let height: Int
    let carriers: Int
    let scopes: CarrierScopes
    let threads: Int
    /// Core rows per band.
    let bandRows: Int
    /// Rows read above and below each band in the first round.
    let firstMargin: Int
    let progress: ProgressMeter

    static let none = Int64.max

    /// For each scope with `needed[s]`: zone value → squared distance in cells per carrier (`none` where the carrier
    /// has no layer in the scope or covers nothing of it).
    func compute(needed: [Bool]) throws -> [[UInt32: [Int64]]] {
        let scopeCount = TechnologyScope.allCases.count
        // The least distances so far: zone → slot, slot × carriers → per-carrier values, one flat store per scope
        // (a few large allocations, not one small array per zone: the heap does not fragment across bands).
        var slots = [[UInt32: Int]](repeating: [:], count: scopeCount)
        var best = [[Int64]](repeating: [], count: scopeCount)
        let bandCount = (height + bandRows - 1) / bandRows
        var bands = Array(0..<bandCount)
        var margin = firstMargin
        // The zones each band holds, per scope (from the first round, which visits every band).
        var zonesOfBand = [[[UInt32]]](repeating: [[UInt32]](repeating: [], count: scopeCount), count: bandCount)
        // (tech scope, carrier) layers to compute this round: all at first, then those some zone still waits for.
        var layers = Set([0, 1].flatMap { t in (0..<carriers).filter { has(carrier: $0, scope: t) && (needed[t] || needed[2]) }.map { Layer(scope: t, carrier: $0) } })
        var firstRound = true
        while !bands.isEmpty && !layers.isEmpty {
            let m = min(margin, height)
            let jobs = bands
            progress.begin(m == firstMargin ? "distances to coverage" : "distances beyond \(m) rows", total: jobs.count, unit: "bands")
            defer { progress.end() }
            let results = try ParallelTiles.run(
                tileCount: jobs.count, threads: threads,
                makeWorker: { [layers] _ in try BandWorker(self, needed: needed, layers: layers.sorted()) },
                body: { worker, j in try worker.process(band: jobs[j], margin: m) }, progress: progress)
            for (j, r) in results.enumerated() {
                for s in 0..<scopeCount {
                    if firstRound { zonesOfBand[jobs[j]][s] = r[s].zones }
                    for (k, zone) in r[s].zones.enumerated() {
                        let slot: Int
                        if let known = slots[s][zone] { slot = known } else {
                            slot = best[s].count / carriers
                            slots[s][zone] = slot
                            best[s].append(contentsOf: repeatElement(ZoneDistances.none, count: carriers))
                        }
                        for c in 0..<carriers { best[s][slot * carriers + c] = min(best[s][slot * carriers + c], r[s].distances[k * carriers + c]) }
                    }
                }
            }
            firstRound = false
            // A zone is settled for a carrier once some cell lies within the margin (or the margin spans the grid).
            guard m < height else { break }
            let limit = Int64(m) * Int64(m)
            var open = [Set<UInt32>](repeating: [], count: scopeCount)
            var wanted = Set<Layer>()
            for s in 0..<scopeCount {
                for (zone, slot) in slots[s] {
                    for c in 0..<carriers where best[s][slot * carriers + c] > limit && has(carrier: c, scope: s) {
                        open[s].insert(zone)
                        for t in [0, 1] where (s == t || s == 2) && has(carrier: c, scope: t) { wanted.insert(Layer(scope: t, carrier: c)) }
                    }
                }
            }
            layers = wanted
            bands = (0..<bandCount).filter { b in (0..<scopeCount).contains { s in zonesOfBand[b][s].contains { open[s].contains($0) } } }
            margin *= 4
        }
        return (0..<scopeCount).map { s in
            slots[s].mapValues { slot in Array(best[s][(slot * carriers)..<((slot + 1) * carriers)]) }
        }
    }

    /// One band's least squared distances for one scope: `zones` in the order first met, `distances[k × carriers + c]`.
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
    private var chunk: [UInt8] = []
    private var core: [[UInt8]] = []
    private var labels: [[UInt32]] = []
    /// Column distances (rows) of each layer over the band's core rows, row-major.
    private var columns: [[UInt16]] = []
    private var running: [UInt16] = []
    private var envelopeSite: [Int] = []
    private var envelopeStart: [Int] = []
    private var rowDistance: [[Int64]] = []
    /// Per scope, the slot of each zone met in the current band (emptied, storage kept, from band to band).
    private var slotOf = [[UInt32: Int]](repeating: [:], count: TechnologyScope.allCases.count)
    /// No covered cell within reach. Column distances past 65,534 rows (6,553 km at 100 m) count as none.
    private static let far = UInt16.max

    init(_ d: ZoneDistances, needed: [Bool], layers: [ZoneDistances.Layer]) throws {
        self.d = d
        self.needed = needed
        let b = try RasterDataset.open(d.bitsPath), z = try RasterDataset.open(d.zonesPath)
        bits = try [1, 2].map { try b.band($0) }
        zones = try (1...TechnologyScope.allCases.count).map { try z.band($0) }
        self.layers = layers
    }

    /// Per scope: zone value → least squared distance per carrier over the zone's cells in this band.
    func process(band: Int, margin: Int) throws -> [ZoneDistances.BandZones] {
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
        for t in [0, 1] {
            let ks = layers.indices.filter { layers[$0].scope == t }
            if !ks.isEmpty { try columnDistances(tech: t, layers: ks, r0: r0, r1: r1, margin: margin) }
        }

        if envelopeSite.count != w { envelopeSite = .init(repeating: 0, count: w); envelopeStart = envelopeSite }
        if rowDistance.count != layers.count || rowDistance.first?.count != w { rowDistance = layers.map { _ in [Int64](repeating: 0, count: w) } }
        for y in 0..<rows {
            let base = y * w
            let has = (0..<3).map { s in needed[s] && labels[s][base..<(base + w)].contains { $0 != 0 } }
            guard has.contains(true) else { continue }
            for (k, layer) in layers.enumerated() where has[layer.scope] || has[2] { rowTransform(layer: k, row: y) }
            for s in 0..<3 where has[s] {
                accumulate(scope: s, row: y, into: &out[s])
            }
        }
        return out
    }

    /// Column distances of technology `t`'s layers `ks` over the core rows: rows to the nearest covered cell above or
    /// below in the same column, looking `margin` rows past the band each way (`far` where none is that close).
    private func columnDistances(tech t: Int, layers ks: [Int], r0: Int, r1: Int, margin: Int) throws {
        let w = d.width, rows = r1 - r0, n = ks.count
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
        // Down: from `margin` rows above the band, then through the band, storing.
        run.withUnsafeMutableBufferPointer { r in for i in r.indices { r[i] = BandWorker.far } }
        try sweep(scope: t, from: max(0, r0 - margin), to: r0, downwards: true) { row in run.withUnsafeMutableBufferPointer { step(row, $0) } }
        core[t].withUnsafeBufferPointer { cells in
            run.withUnsafeMutableBufferPointer { r in
                for y in 0..<rows {
                    step(UnsafeBufferPointer(rebasing: cells[(y * w)..<(y * w + w)]), r)
                    for j in 0..<n { columns[ks[j]].withUnsafeMutableBufferPointer { c in
                        for x in 0..<w { c[y * w + x] = r[j * w + x] }
                    } }
                }
            }
        }
        // Up: from `margin` rows below the band, then back through the band keeping the nearer direction.
        run.withUnsafeMutableBufferPointer { r in for i in r.indices { r[i] = BandWorker.far } }
        try sweep(scope: t, from: r1, to: min(d.height, r1 + margin), downwards: false) { row in run.withUnsafeMutableBufferPointer { step(row, $0) } }
        core[t].withUnsafeBufferPointer { cells in
            run.withUnsafeMutableBufferPointer { r in
                for y in stride(from: rows - 1, through: 0, by: -1) {
                    step(UnsafeBufferPointer(rebasing: cells[(y * w)..<(y * w + w)]), r)
                    for j in 0..<n { columns[ks[j]].withUnsafeMutableBufferPointer { c in
                        for x in 0..<w where r[j * w + x] < c[y * w + x] { c[y * w + x] = r[j * w + x] }
                    } }
                }
            }
        }
    }

    /// Reads rows [a, b) of a bits band in chunks and hands each row to `body`, top-down or bottom-up.
    private func sweep(scope s: Int, from a: Int, to b: Int, downwards: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        let w = d.width
        let step = max(1, (1 << 20) / w)
        var starts = Array(stride(from: a, to: b, by: step))
        if !downwards { starts.reverse() }
        for start in starts {
            let n = min(step, b - start)
            if chunk.count < n * w { chunk = .init(repeating: 0, count: n * w) }
            try chunk.withUnsafeMutableBufferPointer { try bits[s].read(PixelWindow(column: 0, row: start, width: w, height: n), into: $0) }
            chunk.withUnsafeBufferPointer { all in
                for r in (downwards ? Array(0..<n) : Array((0..<n).reversed())) {
                    body(UnsafeBufferPointer(rebasing: all[(r * w)..<(r * w + w)]))
                }
            }
        }
    }

    /// Squared distances along core row `y` of layer `k`: the lower envelope of the parabolas (x − u)² + g(u)² over the
    /// columns u with a covered cell in reach (Meijster et al., second phase).
    private func rowTransform(layer k: Int, row y: Int) {
        let w = d.width
        columns[k].withUnsafeBufferPointer { col in
            let g = UnsafeBufferPointer(rebasing: col[(y * w)..<(y * w + w)])
            envelopeSite.withUnsafeMutableBufferPointer { site in
                envelopeStart.withUnsafeMutableBufferPointer { start in
                    rowDistance[k].withUnsafeMutableBufferPointer { out in
                        @inline(__always) func f(_ x: Int, _ u: Int) -> Int64 {
                            let dx = Int64(x - u), gu = Int64(g[u])
                            return dx * dx + gu * gu
                        }
                        @inline(__always) func separator(_ i: Int, _ u: Int) -> Int64 {
                            // The first x from which u's parabola lies below i's (i < u), floor division.
                            let gi = Int64(g[i]), gu = Int64(g[u])
                            let num = Int64(u * u - i * i) + gu * gu - gi * gi, den = Int64(2 * (u - i))
                            return num >= 0 ? num / den : -((-num + den - 1) / den)
                        }
                        var q = -1
                        for u in 0..<w where g[u] != BandWorker.far {
                            while q >= 0 && f(start[q], site[q]) > f(start[q], u) { q -= 1 }
                            if q < 0 {
                                q = 0; site[0] = u; start[0] = 0
                            } else {
                                let s = separator(site[q], u) + 1
                                if s < Int64(w) { q += 1; site[q] = u; start[q] = Int(max(s, 0)) }
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
            if let known = slotOf[s][lastZone] { slot = known } else {
                slot = least.zones.count
                slotOf[s][lastZone] = slot
                least.zones.append(lastZone)
                least.distances.append(contentsOf: repeatElement(ZoneDistances.none, count: carriers))
            }
            for c in 0..<carriers where current[c] < least.distances[slot * carriers + c] { least.distances[slot * carriers + c] = current[c] }
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
