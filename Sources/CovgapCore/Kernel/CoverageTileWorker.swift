import GDALBridge

/// The paths of the rasters the kernel reads, all already on the analysis grid.
public struct GridRasters: Sendable {
    /// UInt32 commune ids (0 = no commune).
    public var communes: String
    /// One warped (VRT) coverage raster per rule, Float32 with NaN nodata; `bands[i]` is the band to read.
    public var coverage: [String]
    public var coverageBands: [Int]
    /// Warped population density (people per m², area-averaged), or nil.
    public var population: String?
    public var populationBand: Int
}

/// One worker of the first pass: its own GDAL handles and buffers, its own running tally.
/// Not Sendable: it lives on one Dispatch worker thread.
final class CoverageTileWorker {
    private let communes: RasterBand
    private let layers: [RasterBand]
    private let population: RasterBand?
    private let rules: [CoverageRule]
    private let scopes: CarrierScopes
    private let grid: AnalysisGrid
    private let sink: TileSink
    private(set) var tally: CommuneTally
    private var labeler = ComponentLabeler()
    /// Whether partial not-spots are labelled (their bands stay empty otherwise).
    private let partials: Bool

    private var ids: [UInt32] = []
    private var values: [[Float]] = []
    private var people: [Double] = []
    private var keys: [[UInt32]] = []
    private var labels: [UInt32] = []
    private var bits: [[UInt8]] = []

    init(rasters: GridRasters, rules: [CoverageRule], grid: AnalysisGrid, communeCount: Int, partials: Bool, sink: TileSink) throws {
        self.partials = partials
        communes = try RasterDataset.open(rasters.communes).band(1)
        layers = try zip(rasters.coverage, rasters.coverageBands).map { try RasterDataset.open($0.0).band($0.1) }
        population = try rasters.population.map { try RasterDataset.open($0).band(rasters.populationBand) }
        self.rules = rules
        scopes = CarrierScopes(rules: rules)
        self.grid = grid
        self.sink = sink
        tally = CommuneTally(communeCount: communeCount, carrierCount: (rules.map(\.carrierIndex).max() ?? -1) + 1)
    }

    /// Classifies and tallies one tile, writes its labels and coverage bits, and returns its zone pieces per label band
    /// (band `kind × scopes + scope`: dead zones of each scope, then partial not-spots of each scope).
    func process(_ window: PixelWindow) throws -> [ScopeTileZones] {
        let n = window.cellCount
        let scopeCount = TechnologyScope.allCases.count
        if ids.count != n {
            ids = .init(repeating: 0, count: n)
            values = rules.map { _ in .init(repeating: 0, count: n) }
            people = .init(repeating: 0, count: n)
            keys = (0..<(scopeCount * ZoneKind.allCases.count)).map { _ in .init(repeating: 0, count: n) }
            labels = .init(repeating: 0, count: n)
            bits = (0..<scopeCount).map { _ in .init(repeating: 0, count: n) }
        }
        try ids.withUnsafeMutableBufferPointer { try communes.read(window, into: $0) }
        for l in layers.indices { try values[l].withUnsafeMutableBufferPointer { try layers[l].read(window, into: $0) } }
        if let population {
            try people.withUnsafeMutableBufferPointer { try population.read(window, into: $0) }
            // The warped raster holds people per m²: back to people per grid cell.
            for r in 0..<window.height {
                let a = grid.cellArea.squareMetres(row: window.row + r)
                for i in (r * window.width)..<((r + 1) * window.width) { people[i] *= a }
            }
        }
        classify(window)
        var zones: [ScopeTileZones] = []
        for band in keys.indices {
            guard partials || band < scopeCount else { zones.append(ScopeTileZones(pieces: [], edges: TileEdges(empty: window))); continue }
            let count = keys[band].withUnsafeBufferPointer { k in
                labels.withUnsafeMutableBufferPointer { labeler.label(keys: k, width: window.width, height: window.height, labels: $0) }
            }
            zones.append(pieces(window, band: band, count: count))
            try labels.withUnsafeBufferPointer { try sink.writeLabels(window: window, band: band + 1, labels: $0) }
        }
        for s in 0..<scopeCount {
            try bits[s].withUnsafeBufferPointer { try sink.writeBits(window: window, band: s + 1, bits: $0) }
        }
        return zones
    }

    private func classify(_ window: PixelWindow) {
        let scopeCount = TechnologyScope.allCases.count
        let layerBits = scopes.layerBits
        let carrierCount = tally.carrierCount
        for r in 0..<window.height {
            let areaFixed = Int64((grid.cellArea.squareMetres(row: window.row + r) * CommuneTally.areaScale).rounded())
            for x in 0..<window.width {
                let i = r * window.width + x
                let commune = Int(ids[i])
                var cov3: UInt16 = 0, cov4: UInt16 = 0, unk3: UInt16 = 0, unk4: UInt16 = 0
                for l in 0..<rules.count {
                    let rule = rules[l]
                    let (c, u) = rule.classify(values[l][i])
                    let bit: UInt16 = 1 << UInt16(rule.carrierIndex)
                    if rule.technology == .threeG {
                        if c { cov3 |= bit }
                        if u { unk3 |= bit }
                    } else {
                        if c { cov4 |= bit }
                        if u { unk4 |= bit }
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
                    keys[s][i] = 0
                    keys[scopeCount + s][i] = 0
                    // Outside every commune, a scope with no layers, or no carrier covering while one is unknown: not counted.
                    guard commune != 0, layerBits[s] != 0, cov != 0 || unk == 0 else {
                        bits[s][i] = commune != 0 && layerBits[s] != 0 ? CoverageBits.undetermined : UInt8(truncatingIfNeeded: cov)
                        continue
                    }
                    bits[s][i] = UInt8(truncatingIfNeeded: cov)
                    let b = tally.base(commune: commune, scope: s)
                    tally.add(b + CommuneTally.Field.cells.rawValue, 1)
                    tally.add(b + CommuneTally.Field.area.rawValue, areaFixed)
                    tally.add(b + CommuneTally.Field.population.rawValue, popFixed)
                    if cov == 0 {
                        tally.add(b + CommuneTally.Field.notspotTotalArea.rawValue, areaFixed)
                        tally.add(b + CommuneTally.Field.populationNotspotTotal.rawValue, popFixed)
                        keys[s][i] = UInt32(commune)
                        continue
                    }
                    tally.add(b + CommuneTally.Field.coveredAnyArea.rawValue, areaFixed)
                    tally.add(b + CommuneTally.Field.populationCovered.rawValue, popFixed)
                    tally.add(b + (cov == layerBits[s] ? CommuneTally.Field.coveredAllArea : .notspotPartialArea).rawValue, areaFixed)
                    if partials, cov != layerBits[s] { keys[scopeCount + s][i] = ZoneKind.partialKey(commune: commune, covering: cov) }
                    for c in 0..<carrierCount where cov & (1 << UInt16(c)) != 0 {
                        tally.add(b + tally.carrierOffset(c), areaFixed)
                        tally.add(b + tally.carrierOffset(c) + 1, popFixed)
                    }
                }
            }
        }
    }

    private func pieces(_ window: PixelWindow, band s: Int, count: Int) -> ScopeTileZones {
        var out = (0..<count).map { _ in ZonePiece(commune: 0) }
        for r in 0..<window.height {
            let row = window.row + r
            let areaFixed = Int64((grid.cellArea.squareMetres(row: row) * CommuneTally.areaScale).rounded())
            for x in 0..<window.width {
                let i = r * window.width + x
                let l = Int(labels[i])
                guard l != 0 else { continue }
                let col = window.column + x
                let p = people[i]
                out[l - 1].commune = keys[s][i]
                out[l - 1].cells += 1
                out[l - 1].area += areaFixed
                out[l - 1].population += p.isNaN || p <= 0 ? 0 : Int64((p * CommuneTally.populationScale).rounded())
                out[l - 1].sumColumn += Int64(col)
                out[l - 1].sumRow += Int64(row)
                out[l - 1].firstCell = min(out[l - 1].firstCell, Int64(row) * Int64(grid.width) + Int64(col))
            }
        }
        let edges = labels.withUnsafeBufferPointer { TileEdges(labels: $0, width: window.width, height: window.height) }
        return ScopeTileZones(pieces: out, edges: edges)
    }
}
