import Foundation
import GDALBridge

/// The per-cell signal computation of `covgap simulate` for one tile of one layer.
enum SignalTile {
    static let noData: Int16 = -32768

    /// Best received level over the layer's sites that can reach the tile, plus shadowing; nodata below the floor.
    static func compute(layer: SimulationRun.Layer, window w: PixelWindow, geoTransform gt: GeoTransform, ground: [Float]?,
                        model: PropagationModel) -> [Int16] {
        let x0 = gt.originX + Double(w.column) * gt.pixelWidth, y0 = gt.originY + Double(w.row) * gt.pixelHeight
        let x1 = x0 + Double(w.width) * gt.pixelWidth, y1 = y0 + Double(w.height) * gt.pixelHeight
        let near = layer.sites.filter { s in
            let dx = max(x0 - s.x, 0, s.x - x1), dy = max(y1 - s.y, 0, s.y - y0)
            return dx * dx + dy * dy <= s.reachMetres * s.reachMetres
        }
        // Near a mast Hata (not meant for under ~1 km) plus shadowing overshoots: cap at the top of 3GPP's reporting
        // ranges (RSRP −140…−44 dBm, RSCP −120…−25 dBm), the strongest level a measurement can report.
        let ceiling = layer.technology == .fourG ? -44.0 : -25.0
        var out = [Int16](repeating: noData, count: w.cellCount)
        guard !near.isEmpty else { return out }
        let minKm2 = model.minimumDistanceKm * model.minimumDistanceKm
        for r in 0..<w.height {
            let y = y0 + (Double(r) + 0.5) * gt.pixelHeight
            for c in 0..<w.width {
                let x = x0 + (Double(c) + 0.5) * gt.pixelWidth
                let i = r * w.width + c
                var best = -Double.infinity
                for s in near {
                    let dx = x - s.x, dy = y - s.y
                    let d2 = dx * dx + dy * dy
                    guard d2 <= s.reachMetres * s.reachMetres else { continue }
                    var (constant, slope) = (s.constant, s.slope)
                    if let ground, !ground[i].isNaN {
                        // Terrain: the antenna's height above the cell, not above its own foot (clamped 10–500 m).
                        let effective = min(max(s.heightMetres + s.groundMetres - Double(ground[i]), 10), 500)
                        (constant, slope) = model.terms(frequencyMHz: s.frequencyMHz, baseHeightMetres: effective)
                    }
                    best = max(best, s.eirpDbm - (constant + slope * 0.5 * log10(max(d2 * 1e-6, minKm2))))
                }
                guard best.isFinite else { continue }
                let level = best + layer.shadowing.value(x: x, y: y)
                if level >= model.floorDbm { out[i] = Int16(min(level, ceiling).rounded()) }
            }
        }
        return out
    }
}

/// Ground height lookup at a projected point from the warped DEM (0 without a DEM or outside it).
struct GroundSampler {
    private let band: RasterBand?
    private let gt: GeoTransform
    private let width: Int, height: Int

    init(path: String?, geoTransform: GeoTransform, width: Int, height: Int) throws {
        band = try path.map { try RasterDataset.open($0).band(1) }
        gt = geoTransform
        self.width = width
        self.height = height
    }

    func callAsFunction(_ x: Double, _ y: Double) -> Double {
        guard let band else { return 0 }
        let c = Int(((x - gt.originX) / gt.pixelWidth).rounded(.down)), r = Int(((y - gt.originY) / gt.pixelHeight).rounded(.down))
        guard c >= 0, r >= 0, c < width, r < height, let v = try? band.read(PixelWindow(column: c, row: r, width: 1, height: 1), as: Float.self).first,
              !v.isNaN else { return 0 }
        return Double(v)
    }
}
