import CovgapGrid
import CovgapSupport
import CovgapTerrain
import Foundation
import GDALBridge
import Synchronization

/// What a proposed mast radiates and where a cell counts as served, for footprints over terrain.
struct MastRadio: Sendable {
    let eirpDbm: Double, frequencyMHz: Double, heightMetres: Double
    /// The strictest threshold of the carriers the mast serves.
    let thresholdDbm: Double
    let mobileHeightMetres: Double
    let kFactor: Double
    /// The farthest a mast is modelled, and how far from its lattice point it may move to higher ground (metres).
    let rangeMetres: Double, searchMetres: Double

    /// The farthest a level could still reach the threshold: free space alone (diffraction only adds loss).
    var reachMetres: Double {
        let d = Diffraction(frequencyMHz: frequencyMHz, kFactor: kFactor)
        return min(rangeMetres, pow(10, (eirpDbm - thresholdDbm - d.freeSpace(distanceKm: 1)) / 20) * 1000)
    }
}

/// The demand cells each candidate mast covers over terrain: each lattice point moves to the highest ground within
/// `searchMetres` of it (a mast stands on a hilltop, not in the valley beside it), and covers the dead-zone demand
/// cells whose centre gets free space plus delta-Bullington diffraction over the DEM within the threshold.
/// Footprints are computed in parallel, each from the DEM around its candidate, and kept as cell lists.
struct TerrainFootprints: CoverageSets {
    /// Where each candidate stands (grid CRS), its ground height, and its farthest covered cell (metres).
    let positions: [(x: Double, y: Double)]
    let groundMetres: [Double]
    let farthestMetres: [Double]
    /// Covered demand cells per candidate.
    let cells: [[Int32]]

    var candidateCount: Int { positions.count }

    func forEachCovered(_ c: Int, _ body: (Int) -> Void) { for i in cells[c] { body(Int(i)) } }

    /// The same candidates, those that `keep` refuses covering nothing (so the greedy never picks them).
    func keeping(_ keep: (Int) -> Bool) -> TerrainFootprints {
        TerrainFootprints(
            positions: positions, groundMetres: groundMetres, farthestMetres: farthestMetres,
            cells: cells.indices.map { keep($0) ? cells[$0] : [] })
    }

    /// The most covered cells all footprints together may hold (4 bytes each: 1 GiB).
    static let defaultBudget = 1 << 28

    /// Footprints of masts at the `lattice` points over `dem`, serving the demand cells that hold dead-zone area.
    /// Refuses, naming `configPath`, once the footprints would hold more than `budget` cells in all.
    static func compute(
        lattice: [(x: Double, y: Double)], demand: DemandGrid, dem: TerrainDEM, radio: MastRadio, threads: Int,
        configPath: String, budget: Int = defaultBudget
    ) throws -> TerrainFootprints {
        let chunks = max(1, min(lattice.count, threads * 16))
        let held = Atomic<Int>(0)
        let perChunk = try ParallelTiles.run(
            tileCount: chunks, threads: threads,
            makeWorker: { _ in try RasterDataset.open(dem.path).band(1) },
            body: { band, k -> [Footprint] in
                try (k * lattice.count / chunks..<(k + 1) * lattice.count / chunks).map { c in
                    let f = try footprint(at: lattice[c], demand: demand, dem: dem, band: band, radio: radio)
                    guard held.add(f.cells.count, ordering: .relaxed).newValue <= budget else {
                        throw InputError(
                            file: configPath, location: "key 'sharing.shared_sites'",
                            problem: "the terrain footprints of \(lattice.count) candidates hold more than \(budget) "
                                + "dead-zone cells, more than the planner keeps in memory",
                            hint: "use a wider lattice_m, a larger demand_cell_m or a shorter sharing.terrain.range_km")
                    }
                    return f
                }
            })
        let all = perChunk.flatMap { $0 }
        return TerrainFootprints(
            positions: all.map(\.position), groundMetres: all.map(\.groundMetres),
            farthestMetres: all.map(\.farthestMetres), cells: all.map(\.cells))
    }

    /// One candidate's place and footprint.
    struct Footprint: Sendable {
        let position: (x: Double, y: Double)
        let groundMetres: Double, farthestMetres: Double
        let cells: [Int32]
    }

    /// The footprint of a mast near `point`: on the highest ground within the search distance, covering the demand
    /// cells whose level reaches the threshold.
    static func footprint(
        at point: (x: Double, y: Double), demand: DemandGrid, dem: TerrainDEM, band: RasterBand, radio: MastRadio
    ) throws -> Footprint {
        let reach = radio.reachMetres, margin = radio.searchMetres + 4 * dem.geoTransform.pixelWidth
        let ground = try dem.heights(
            minX: point.x - reach - margin, minY: point.y - reach - margin, maxX: point.x + reach + margin,
            maxY: point.y + reach + margin, band: band)
        let (site, height) = highGround(near: point, within: radio.searchMetres, ground: ground)
        let (indices, centres) = demandCells(within: reach, of: site, demand: demand)
        guard !indices.isEmpty else {
            return Footprint(position: site, groundMetres: height, farthestMetres: 0, cells: [])
        }
        let loss = RadialLoss(
            transmitter: .init(x: site.x, y: site.y, aboveGround: radio.heightMetres), ground: ground,
            diffraction: Diffraction(frequencyMHz: radio.frequencyMHz, kFactor: radio.kFactor),
            rxAboveGround: radio.mobileHeightMetres, rangeMetres: reach, stepMetres: dem.geoTransform.pixelWidth,
            points: centres)
        var covered: [Int32] = [], farthest = 0.0
        for (k, (i, p)) in zip(indices, centres).enumerated() {
            guard let l = loss.loss(point: k, minimumMetres: 50), radio.eirpDbm - l >= radio.thresholdDbm
            else { continue }
            covered.append(i)
            farthest = max(farthest, ((p.x - site.x) * (p.x - site.x) + (p.y - site.y) * (p.y - site.y)).squareRoot())
        }
        return Footprint(position: site, groundMetres: height, farthestMetres: farthest, cells: covered)
    }

    /// The centre and height of the highest DEM cell within `search` metres (along x and y) of `point`, when it stands
    /// above the ground at the point itself (else the point); the first in row order among equals.
    static func highGround(
        near point: (x: Double, y: Double), within search: Double, ground: HeightGrid
    ) -> ((x: Double, y: Double), Double) {
        let s = ground.cellSize
        let c0 = max(Int(((point.x - search - ground.originX) / s - 0.5).rounded(.up)), 0)
        let c1 = min(Int(((point.x + search - ground.originX) / s - 0.5).rounded(.down)), ground.width - 1)
        let r0 = max(Int(((ground.originY - point.y - search) / s - 0.5).rounded(.up)), 0)
        let r1 = min(Int(((ground.originY - point.y + search) / s - 0.5).rounded(.down)), ground.height - 1)
        var best = (point, Double(ground.sample(x: point.x, y: point.y)))
        guard c0 <= c1, r0 <= r1 else { return best }
        var top = Float(best.1)
        for r in r0...r1 {
            for c in c0...c1 where ground.values[r * ground.width + c] > top {
                top = ground.values[r * ground.width + c]
                let centre = (ground.originX + (Double(c) + 0.5) * s, ground.originY - (Double(r) + 0.5) * s)
                best = (centre, Double(top))
            }
        }
        return best
    }

    /// The demand cells holding dead-zone area whose centre lies within `reach` of `site`: indices and centres.
    static func demandCells(
        within reach: Double, of site: (x: Double, y: Double), demand d: DemandGrid
    ) -> ([Int32], [(x: Double, y: Double)]) {
        var indices: [Int32] = [], centres: [(x: Double, y: Double)] = []
        DiscSets(demand: d, positions: [site], radius: reach).forEachCovered(0) { i in
            guard d.area[i] > 0 else { return }
            indices.append(Int32(i))
            centres.append(d.centre(i % d.width, i / d.width))
        }
        return (indices, centres)
    }
}
