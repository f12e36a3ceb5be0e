import CovgapGrid
import CovgapModel
import CovgapSupport
import GDALBridge

/// The paths of the rasters the kernel reads, all already on the analysis grid.
public struct GridRasters: Sendable {
    /// UInt32 commune ids (0 = no commune).
    public var communes: String
    /// The warped coverage stacks; together they hold every rule's layer once.
    public var coverage: [CoverageStack]
    /// Warped population density (people per m², area-averaged), or nil.
    public var population: String?
    public var populationBand: Int
    /// Where coverage is read; elsewhere the bits are undetermined.
    public var area: AreaOfInterest

    /// Memberwise: every stored property, in declaration order.
    public init(
        communes: String, coverage: [CoverageStack], population: String? = nil, populationBand: Int,
        area: AreaOfInterest
    ) {
        self.communes = communes
        self.coverage = coverage
        self.population = population
        self.populationBand = populationBand
        self.area = area
    }
}

/// One coverage layer as the inner loop needs it: its rule, its carrier's bit, its technology, where its values are.
struct LayerPlan {
    let rule: CoverageRule
    let bit: UInt16
    let isThreeG: Bool
    /// The plane of the tile's value buffer that holds this layer (stacks are read one after the other).
    let plane: Int
    /// A warped value that means nodata besides NaN (see `CoverageStack.sentinel`).
    let sentinel: Float

    init(_ rule: CoverageRule, plane: Int, sentinel: Float) {
        self.rule = rule
        bit = 1 << UInt16(rule.carrierIndex)
        isThreeG = rule.technology == .threeG
        self.plane = plane
        self.sentinel = sentinel
    }
}

/// One worker of the first pass: its own GDAL handles and buffers, its own running tally.
/// Not Sendable: it lives on one Dispatch worker thread.
final class CoverageTileWorker {
    private let communes: RasterBand
    /// Each coverage stack's warped dataset, the bands to read and the first value plane they fill.
    private let stacks: [(dataset: RasterDataset, bands: [Int], plane: Int, sources: [String])]
    private let population: RasterBand?
    private let area: AreaOfInterest
    private let scopes: CarrierScopes
    private let grid: AnalysisGrid
    private let sink: TileSink
    private(set) var tally: CommuneTally
    private var labeler = ComponentLabeler()
    /// Whether partial not-spots are labelled (their bands stay empty otherwise).
    private let partials: Bool
    /// Per-layer constants of the inner loop, read once from the rules.
    private let layerPlan: [LayerPlan]
    private let buffers: TileBuffers
    private let scopeCount = TechnologyScope.allCases.count

    init(
        rasters: GridRasters, rules: [CoverageRule], grid: AnalysisGrid, tileSize: Int, communeCount: Int,
        partials: Bool,
        sink: TileSink
    ) throws {
        self.partials = partials
        communes = try RasterDataset.open(rasters.communes).band(1)
        var plane = 0
        var plans = [LayerPlan?](repeating: nil, count: rules.count)
        var stacks: [(dataset: RasterDataset, bands: [Int], plane: Int, sources: [String])] = []
        for stack in rasters.coverage {
            stacks.append((try RasterDataset.open(stack.path), stack.bands, plane, stack.sources))
            for l in stack.layers {
                plans[l] = LayerPlan(rules[l], plane: plane, sentinel: stack.sentinel)
                plane += 1
            }
        }
        self.stacks = stacks
        layerPlan = plans.map { $0! }
        population = try rasters.population.map { try RasterDataset.open($0).band(rasters.populationBand) }
        area = rasters.area
        scopes = CarrierScopes(rules: rules)
        self.grid = grid
        self.sink = sink
        tally = CommuneTally(communeCount: communeCount, carrierCount: (rules.map(\.carrierIndex).max() ?? -1) + 1)
        buffers = TileBuffers(
            capacity: tileSize * tileSize, layers: rules.count, zoneBands: scopeCount * ZoneKind.allCases.count,
            scopes: scopeCount)
    }

    /// Classifies and tallies one tile, writes its labels and coverage bits, and returns its zone pieces per label band
    /// (band `kind × scopes + scope`: dead zones of each scope, then partial not-spots of each scope).
    func process(_ window: PixelWindow) throws -> [ScopeTileZones] {
        let n = window.cellCount
        let b = buffers
        precondition(n <= b.capacity)
        guard area.touches(window) else { return try writeOutside(window) }
        try communes.read(window, into: b.ids)
        for stack in stacks {
            let planes = UnsafeMutableBufferPointer(
                rebasing: b.values[(stack.plane * n)..<((stack.plane + stack.bands.count) * n)])
            do { try stack.dataset.read(window, bands: stack.bands, into: planes) } catch {
                throw InputError(
                    file: stack.sources.joined(separator: ", "),
                    location: "near grid column \(window.column), row \(window.row)",
                    problem:
                        "could not be read during the run: the file is damaged there or changed while covgap read it "
                        + "(GDAL: \(error))",
                    hint:
                        "run covgap inspect --deep on the config to find the damaged block, then export the file again")
            }
        }
        // People are counted in communes only: a tile with none needs no population.
        if let population, b.ids[0..<n].contains(where: { $0 != 0 }) {
            try population.read(window, into: b.people)
            // The warped raster holds people per m²: back to people per grid cell.
            for r in 0..<window.height {
                let a = grid.cellArea.squareMetres(row: window.row + r)
                for i in (r * window.width)..<((r + 1) * window.width) { b.people[i] *= a }
            }
        } else {
            b.people.update(repeating: 0)
        }
        let shape = (carriers: tally.carrierCount, fields: tally.fieldsPerScope)
        tally.withUnsafeMutableSums {
            classify(window, carrierCount: shape.carriers, fieldsPerScope: shape.fields, sums: $0)
        }
        var zones: [ScopeTileZones] = []
        for band in 0..<(scopeCount * ZoneKind.allCases.count) {
            guard partials || band < scopeCount else {
                zones.append(ScopeTileZones(pieces: [], edges: TileEdges(empty: window))); continue
            }
            let keys = UnsafeBufferPointer(TileBuffers.plane(b.keys, band, cells: n))
            let labels = UnsafeMutableBufferPointer(rebasing: b.labels[0..<n])
            let count = labeler.label(keys: keys, width: window.width, height: window.height, labels: labels)
            zones.append(pieces(window, keys: keys, labels: UnsafeBufferPointer(labels), count: count))
            try sink.writeLabels(window: window, band: band + 1, labels: UnsafeBufferPointer(labels))
        }
        for s in 0..<scopeCount {
            try sink.writeBits(
                window: window, band: s + 1, bits: UnsafeBufferPointer(TileBuffers.plane(b.bits, s, cells: n)))
        }
        // Written blocks are compressed to disk now, not left in GDAL's block cache, where they would push out the
        // source blocks the next tile row needs (measured nationally: kernel at 2 threads 7.3 → 5.4 s).
        try sink.flush()
        return zones
    }

    /// A tile wholly outside the area of interest: nothing is read; no labels, every coverage bit undetermined. The
    /// same bands are written as for any other tile, and flushed the same way.
    private func writeOutside(_ window: PixelWindow) throws -> [ScopeTileZones] {
        let n = window.cellCount, b = buffers
        let labels = UnsafeMutableBufferPointer(rebasing: b.labels[0..<n])
        labels.update(repeating: 0)
        for band in 0..<(partials ? scopeCount * ZoneKind.allCases.count : scopeCount) {
            try sink.writeLabels(window: window, band: band + 1, labels: UnsafeBufferPointer(labels))
        }
        let bits = UnsafeMutableBufferPointer(rebasing: b.bits[0..<n])
        bits.update(repeating: CoverageBits.undetermined)
        for s in 0..<scopeCount { try sink.writeBits(window: window, band: s + 1, bits: UnsafeBufferPointer(bits)) }
        try sink.flush()
        return (0..<(scopeCount * ZoneKind.allCases.count)).map { _ in
            ScopeTileZones(pieces: [], edges: TileEdges(empty: window))
        }
    }

    /// The inner loop: per cell, which carriers cover it per scope; the commune sums; the labeller keys; the bits.
    private func classify(
        _ window: PixelWindow, carrierCount: Int, fieldsPerScope fields: Int, sums: UnsafeMutableBufferPointer<Int64>
    ) {
        let n = window.cellCount, w = window.width, scopeCount = self.scopeCount
        let b = buffers
        let (ids, values, people, keys, bits) = (b.ids, b.values, b.people, b.keys, b.bits)
        let layerBits = scopes.layerBits
        let plans = layerPlan
        let partials = self.partials
        typealias F = CommuneTally.Field
        for r in 0..<window.height {
            let areaFixed = Int64((grid.cellArea.squareMetres(row: window.row + r) * CommuneTally.areaScale).rounded())
            // Outside a commune, coverage counts only inside the area of interest (these columns of the tile).
            let inside = area.columns(row: window.row + r)
            let (firstX, lastX) = (inside.first - window.column, inside.last - window.column)
            for x in 0..<w {
                let i = r * w + x
                let commune = Int(ids[i])
                var cov3: UInt16 = 0, cov4: UInt16 = 0, unk3: UInt16 = 0, unk4: UInt16 = 0
                for l in 0..<plans.count {
                    let plan = plans[l]
                    let raw = values[plan.plane * n + i]
                    let (covered, unknown) = plan.rule.classify(raw == plan.sentinel ? .nan : raw)
                    if plan.isThreeG {
                        if covered { cov3 |= plan.bit }
                        if unknown { unk3 |= plan.bit }
                    } else {
                        if covered { cov4 |= plan.bit }
                        if unknown { unk4 |= plan.bit }
                    }
                }
                let p = people[i]
                let popFixed = p.isNaN || p <= 0 ? 0 : Int64((p * CommuneTally.populationScale).rounded())
                for s in 0..<scopeCount {
                    let cov: UInt16, unk: UInt16
                    switch s {
                    case 0: cov = cov3; unk = unk3
                    case 1: cov = cov4; unk = unk4
                    default: cov = cov3 | cov4; unk = (unk3 | unk4) & ~cov
                    }
                    keys[s * n + i] = 0
                    keys[(scopeCount + s) * n + i] = 0
                    let scopeBits = layerBits[s]
                    // Outside every commune, a scope with no layers, or no carrier covering while one is unknown: not
                    // counted.
                    guard commune != 0, scopeBits != 0, cov != 0 || unk == 0 else {
                        let known = commune == 0 ? x >= firstX && x <= lastX : scopeBits == 0
                        bits[s * n + i] = known ? UInt8(truncatingIfNeeded: cov) : CoverageBits.undetermined
                        continue
                    }
                    bits[s * n + i] = UInt8(truncatingIfNeeded: cov)
                    let base = CommuneTally.base(commune: commune, scope: s, fieldsPerScope: fields)
                    sums[base + F.cells.rawValue] &+= 1
                    sums[base + F.area.rawValue] &+= areaFixed
                    sums[base + F.population.rawValue] &+= popFixed
                    if cov == 0 {
                        sums[base + F.notspotTotalArea.rawValue] &+= areaFixed
                        sums[base + F.populationNotspotTotal.rawValue] &+= popFixed
                        keys[s * n + i] = UInt32(commune)
                        continue
                    }
                    sums[base + F.coveredAnyArea.rawValue] &+= areaFixed
                    sums[base + F.populationCovered.rawValue] &+= popFixed
                    sums[base + (cov == scopeBits ? F.coveredAllArea : F.notspotPartialArea).rawValue] &+= areaFixed
                    if partials, cov != scopeBits {
                        keys[(scopeCount + s) * n + i] = ZoneKind.partialKey(commune: commune, covering: cov)
                    }
                    for c in 0..<carrierCount where cov & (1 << UInt16(c)) != 0 {
                        sums[base + CommuneTally.carrierOffset(c)] &+= areaFixed
                        sums[base + CommuneTally.carrierOffset(c) + 1] &+= popFixed
                    }
                }
            }
        }
    }

    /// Sums each local label's cells into a zone piece (commune, cells, area, people, centroid sums, first cell).
    private func pieces(
        _ window: PixelWindow, keys: UnsafeBufferPointer<UInt32>, labels: UnsafeBufferPointer<UInt32>,
        count: Int
    ) -> ScopeTileZones {
        var out = (0..<count).map { _ in ZonePiece(commune: 0) }
        let people = buffers.people
        out.withUnsafeMutableBufferPointer { out in
            for r in 0..<window.height {
                let row = window.row + r
                let areaFixed = Int64((grid.cellArea.squareMetres(row: row) * CommuneTally.areaScale).rounded())
                for x in 0..<window.width {
                    let i = r * window.width + x
                    let l = Int(labels[i])
                    guard l != 0 else { continue }
                    let col = window.column + x
                    let p = people[i]
                    out[l - 1].commune = keys[i]
                    out[l - 1].cells += 1
                    out[l - 1].area += areaFixed
                    out[l - 1].population += p.isNaN || p <= 0 ? 0 : Int64((p * CommuneTally.populationScale).rounded())
                    out[l - 1].sumColumn += Int64(col)
                    out[l - 1].sumRow += Int64(row)
                    out[l - 1].firstCell = min(out[l - 1].firstCell, Int64(row) * Int64(grid.width) + Int64(col))
                }
            }
        }
        let edges = TileEdges(labels: labels, width: window.width, height: window.height)
        return ScopeTileZones(pieces: out, edges: edges)
    }
}
