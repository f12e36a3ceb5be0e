import CovgapModel
import Foundation
import GDALBridge

/// The per-cell signal computation of `covgap simulate` without terrain (Hata) for one tile of one layer.
enum SignalTile {
    static let noData: Int16 = -32768

    /// The top of 3GPP's reporting ranges (RSRP −140…−44 dBm, RSCP −120…−25 dBm): the strongest level a
    /// measurement can report, where a model meant for longer distances plus shadowing overshoots near a mast.
    static func ceiling(_ technology: Technology) -> Double { technology == .fourG ? -44.0 : -25.0 }

    /// Best received level over the layer's sites that can reach the tile, plus shadowing; nodata below the floor.
    static func compute(
        layer: SimulationRun.Layer, window w: PixelWindow, geoTransform gt: GeoTransform, model: PropagationModel
    ) -> [Int16] {
        let x0 = gt.originX + Double(w.column) * gt.pixelWidth, y0 = gt.originY + Double(w.row) * gt.pixelHeight
        let x1 = x0 + Double(w.width) * gt.pixelWidth, y1 = y0 + Double(w.height) * gt.pixelHeight
        let near = layer.sites.filter { s in
            let dx = max(x0 - s.x, 0, s.x - x1), dy = max(y1 - s.y, 0, s.y - y0)
            return dx * dx + dy * dy <= s.reachMetres * s.reachMetres
        }
        let cap = ceiling(layer.technology)
        var out = [Int16](repeating: noData, count: w.cellCount)
        guard !near.isEmpty else { return out }
        let minKm2 = model.minimumDistanceKm * model.minimumDistanceKm
        // Sites bucketed on 2 km squares around the tile. A cell visits rings of buckets outward and stops once no site
        // farther out could beat its best so far: exact, since a site's median level only falls with distance and the
        // shadowing is the layer's, the same for every site at a cell.
        let bucket = 2000.0
        let bound = LevelBound(sites: near, minimumKm: model.minimumDistanceKm)
        let maxReach = near.map(\.reachMetres).max()!
        let bx0 = min(x0, x1) - maxReach, by0 = min(y0, y1) - maxReach
        let bw = Int((abs(x1 - x0) + 2 * maxReach) / bucket) + 1, bh = Int((abs(y1 - y0) + 2 * maxReach) / bucket) + 1
        var buckets = [[Int]](repeating: [], count: bw * bh)
        for (k, s) in near.enumerated() {
            let i = min(max(Int((s.x - bx0) / bucket), 0), bw - 1), j = min(max(Int((s.y - by0) / bucket), 0), bh - 1)
            buckets[j * bw + i].append(k)
        }
        // Past this many rings every site is out of reach.
        let lastRing = Int(maxReach / bucket) + 2
        for r in 0..<w.height {
            let y = y0 + (Double(r) + 0.5) * gt.pixelHeight
            for c in 0..<w.width {
                let x = x0 + (Double(c) + 0.5) * gt.pixelWidth
                let i = r * w.width + c
                let ci = Int((x - bx0) / bucket), cj = Int((y - by0) / bucket)
                var best = -Double.infinity
                var ring = 0
                while ring <= lastRing {
                    // Every site of ring k lies at least (k − 1) buckets away.
                    if best > bound.level(atMetres: Double(ring - 1) * bucket) { break }
                    for j in (cj - ring)...(cj + ring) where j >= 0 && j < bh {
                        let step = (j == cj - ring || j == cj + ring) ? 1 : 2 * ring
                        var ii = ci - ring
                        while ii <= ci + ring {
                            if ii >= 0 && ii < bw {
                                for k in buckets[j * bw + ii] {
                                    let s = near[k]
                                    let dx = x - s.x, dy = y - s.y
                                    let d2 = dx * dx + dy * dy
                                    guard d2 <= s.reachMetres * s.reachMetres else { continue }
                                    let (constant, slope) = (s.constant, s.slope)
                                    best = max(
                                        best, s.eirpDbm - (constant + slope * 0.5 * log10(max(d2 * 1e-6, minKm2))))
                                }
                            }
                            ii += ring == 0 ? 1 : step
                        }
                    }
                    ring += 1
                }
                guard best.isFinite else { continue }
                let level = best + layer.shadowing.value(x: x, y: y)
                if level >= model.floorDbm { out[i] = Int16(min(level, cap).rounded()) }
            }
        }
        return out
    }
}

/// The most any of a tile's sites can deliver at a distance: max(EIRP − C) − S·log10(d) over the sites' loss
/// terms.
struct LevelBound {
    private let strongest: Double, flattest: Double, steepest: Double, minKm: Double

    init(sites: [SimulationRun.PlacedSite], minimumKm: Double) {
        var e = -Double.infinity, lo = Double.infinity, hi = -Double.infinity
        for s in sites {
            e = max(e, s.eirpDbm - s.constant)
            lo = min(lo, s.slope)
            hi = max(hi, s.slope)
        }
        strongest = e; flattest = lo; steepest = hi; minKm = minimumKm
    }

    /// An upper bound of any site's median level at `metres` or farther.
    func level(atMetres metres: Double) -> Double {
        let l = log10(max(metres / 1000, minKm))
        return strongest - (l >= 0 ? flattest : steepest) * l
    }
}
