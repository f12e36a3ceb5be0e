import CovgapGrid
import CovgapKernel
import CovgapSupport
import Foundation
import GDALBridge

/// The people and area of one scope's reported dead zones, summed onto square demand cells of `factor` × `factor`
/// grid cells (dense, row-major). Sums are integers (see `CommuneTally`), so they are exact in any order.
struct DemandGrid: Sendable {
    let factor: Int
    let width: Int
    let height: Int
    /// Grid-CRS position of the top-left corner and the demand cell's size along x and y (y negative for north-up).
    let originX: Double, originY: Double, cellX: Double, cellY: Double
    /// People in millionths, per demand cell.
    var people: [Int64]
    /// Area in 1/1000 m², per demand cell.
    var area: [Int64]

    /// The largest number of demand cells kept in memory (16 bytes each); coarser cells are chosen above it.
    static let cellBudget = 16_000_000

    /// The smallest factor whose demand grid fits the budget, or the configured demand cell size.
    static func factor(grid: AnalysisGrid, demandCellMetres: Double?) -> Int {
        if let d = demandCellMetres { return max(1, Int((d / grid.resolutionMetres).rounded())) }
        var k = 1
        while ((grid.width + k - 1) / k) * ((grid.height + k - 1) / k) > cellBudget { k += 1 }
        return k
    }

    /// Sums the cells of zone band `band` (non-zero = inside a reported dead zone) with their people, tile by tile in
    /// parallel.
    static func build(
        grid: AnalysisGrid, tileSize: Int, zonesPath: String, band: Int, populationPath: String?, factor: Int,
        threads: Int
    ) throws -> DemandGrid {
        let width = (grid.width + factor - 1) / factor, height = (grid.height + factor - 1) / factor
        let tiles = grid.tiles(size: tileSize)
        let perTile = try ParallelTiles.run(
            tileCount: tiles.count, threads: threads,
            makeWorker: { _ in
                (
                    try RasterDataset.open(zonesPath).band(band),
                    try populationPath.map { try RasterDataset.open($0).band(1) }
                )
            },
            body: { bands, t -> [(Int, Int64, Int64)] in
                let window = tiles[t]
                let zones: [UInt32] = try bands.0.read(window)
                guard zones.contains(where: { $0 != 0 }) else { return [] }
                let density: [Double]? = try bands.1?.read(window)
                var sums: [Int: (Int64, Int64)] = [:]
                for r in 0..<window.height {
                    let row = window.row + r
                    let a = grid.cellArea.squareMetres(row: row)
                    let areaFixed = Int64((a * CommuneTally.areaScale).rounded())
                    for x in 0..<window.width where zones[r * window.width + x] != 0 {
                        let d = density?[r * window.width + x] ?? 0
                        let p = d.isNaN || d <= 0 ? 0 : Int64((d * a * CommuneTally.populationScale).rounded())
                        let key = (row / factor) * width + (window.column + x) / factor
                        let old = sums[key] ?? (0, 0)
                        sums[key] = (old.0 + areaFixed, old.1 + p)
                    }
                }
                return sums.map { ($0.key, $0.value.0, $0.value.1) }
            })
        var people = [Int64](repeating: 0, count: width * height), area = people
        for tile in perTile { for (k, a, p) in tile { area[k] += a; people[k] += p } }
        let gt = grid.geoTransform
        return DemandGrid(
            factor: factor, width: width, height: height, originX: gt.originX, originY: gt.originY,
            cellX: gt.pixelWidth * Double(factor), cellY: gt.pixelHeight * Double(factor), people: people, area: area)
    }

    /// The grid-CRS centre of demand cell (column j, row i).
    func centre(_ j: Int, _ i: Int) -> (x: Double, y: Double) {
        (originX + (Double(j) + 0.5) * cellX, originY + (Double(i) + 0.5) * cellY)
    }
}

/// The demand cells each candidate mast covers: those whose centre lies within `radius` (grid-CRS metres) of it.
struct DiscSets: CoverageSets {
    let demand: DemandGrid
    let positions: [(x: Double, y: Double)]
    let radius: Double

    var candidateCount: Int { positions.count }

    func forEachCovered(_ c: Int, _ body: (Int) -> Void) {
        let (x, y) = positions[c]
        let d = demand
        let ic = (y - d.originY) / d.cellY - 0.5, di = radius / abs(d.cellY)
        let i0 = max(0, Int((ic - di).rounded(.up))), i1 = min(d.height - 1, Int((ic + di).rounded(.down)))
        guard i0 <= i1 else { return }
        let jc = (x - d.originX) / d.cellX - 0.5
        for i in i0...i1 {
            let dy = d.originY + (Double(i) + 0.5) * d.cellY - y
            let h = radius * radius - dy * dy
            guard h >= 0 else { continue }
            let span = h.squareRoot() / abs(d.cellX)
            let j0 = max(0, Int((jc - span).rounded(.up))), j1 = min(d.width - 1, Int((jc + span).rounded(.down)))
            guard j0 <= j1 else { continue }
            let rowBase = i * d.width
            for j in j0...j1 { body(rowBase + j) }
        }
    }
}
