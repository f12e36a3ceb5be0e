import CovgapGrid
import CovgapModel
import CovgapSupport
import CovgapTerrain
import Foundation
import GDALBridge

/// The per-cell signal of `covgap simulate` over terrain for one tile: per layer, the best over the layer's sites
/// in range of EIRP − (free space + delta-Bullington diffraction), plus the layer's shadowing.
enum TerrainSignalTile {
    /// Every layer's levels on window `w`; nodata where no site is in range or the level is below the floor. The DEM
    /// is read only as far as the profiles from the sites in range to the tile run.
    static func render(
        _ layers: [SimulationRun.Layer], window w: PixelWindow, geoTransform gt: GeoTransform, dem: TerrainDEM,
        band: RasterBand, settings s: SimulationSettings
    ) throws -> [[Int16]] {
        let rect = self.rect(of: w, geoTransform: gt)
        let reaching = layers.map { layer in
            layer.sites.filter { site in
                let dx = max(rect.minX - site.x, 0, site.x - rect.maxX)
                let dy = max(rect.minY - site.y, 0, site.y - rect.maxY)
                return dx * dx + dy * dy <= site.reachMetres * site.reachMetres
            }
        }
        let empty = [Int16](repeating: SignalTile.noData, count: w.cellCount)
        let sites = reaching.flatMap { $0 }
        guard !sites.isEmpty else { return layers.map { _ in empty } }
        // Every profile runs from a site to a cell of the tile, so it stays inside the box around both; the radial
        // samples reach two steps past the tile, and bilinear sampling one cell more.
        let margin = 4 * s.resolutionMetres
        let ground = try dem.heights(
            minX: min(rect.minX, sites.map(\.x).min()!) - margin, minY: min(rect.minY, sites.map(\.y).min()!) - margin,
            maxX: max(rect.maxX, sites.map(\.x).max()!) + margin, maxY: max(rect.maxY, sites.map(\.y).max()!) + margin,
            band: band)
        return zip(layers, reaching).map { layer, near in
            near.isEmpty
                ? empty
                : compute(
                    layer: layer, sites: near, window: w, rect: rect, geoTransform: gt, ground: ground, settings: s)
        }
    }

    /// Window `w` as a rectangle in the grid's CRS.
    static func rect(of w: PixelWindow, geoTransform gt: GeoTransform) -> RadialLoss.Rect {
        let x0 = gt.originX + Double(w.column) * gt.pixelWidth, y1 = gt.originY + Double(w.row) * gt.pixelHeight
        let x1 = x0 + Double(w.width) * gt.pixelWidth, y0 = y1 + Double(w.height) * gt.pixelHeight
        return RadialLoss.Rect(minX: x0, minY: y0, maxX: x1, maxY: y1)
    }

    /// One layer's levels from `sites` (those in range of the tile).
    private static func compute(
        layer: SimulationRun.Layer, sites: [SimulationRun.PlacedSite], window w: PixelWindow, rect: RadialLoss.Rect,
        geoTransform gt: GeoTransform, ground: HeightGrid, settings s: SimulationSettings
    ) -> [Int16] {
        let sweeps = sites.map { site in
            let loss = RadialLoss(
                transmitter: .init(x: site.x, y: site.y, aboveGround: site.heightMetres), ground: ground,
                diffraction: Diffraction(frequencyMHz: site.frequencyMHz, kFactor: s.kFactor),
                rxAboveGround: s.model.mobileHeightMetres, rangeMetres: site.reachMetres,
                stepMetres: s.resolutionMetres, serving: rect, cellSize: gt.pixelWidth)
            return (site, loss)
        }
        var out = [Int16](repeating: SignalTile.noData, count: w.cellCount)
        let ceiling = SignalTile.ceiling(layer.technology), minimum = s.model.minimumDistanceKm * 1000
        for r in 0..<w.height {
            let y = rect.maxY + (Double(r) + 0.5) * gt.pixelHeight
            for c in 0..<w.width {
                let x = rect.minX + (Double(c) + 0.5) * gt.pixelWidth
                var best = -Double.infinity
                for (site, sweep) in sweeps {
                    guard let loss = sweep.loss(point: r * w.width + c, minimumMetres: minimum) else { continue }
                    best = max(best, site.eirpDbm - loss)
                }
                guard best.isFinite else { continue }
                let level = best + layer.shadowing.value(x: x, y: y)
                if level >= s.model.floorDbm { out[r * w.width + c] = Int16(min(level, ceiling).rounded()) }
            }
        }
        return out
    }

    /// The method and its parameters, for the manifest and the rasters' metadata.
    static func description(_ s: SimulationSettings) -> [String: String] {
        [
            "method": "free space (ITU-R P.525) + delta-Bullington diffraction (ITU-R P.526-15 §4.5) over the DEM",
            "k_factor": String(format: "%.4f", s.kFactor),
            "range_km": String(format: "%g", s.terrainRangeKm),
            "profile_step_m": String(format: "%g", s.resolutionMetres),
            "mobile_height_m": String(format: "%g", s.model.mobileHeightMetres),
            "ground": "land, εr 22, σ 0.003 S/m, vertical polarization",
            "dem_voids": "filled from data within 100 DEM cells (GDALFillNodata); wider voids read as sea level",
            "shadowing_sigma_db": String(format: "%g", s.shadowingSigmaDb),
            "seed": "\(s.seed)",
        ]
    }
}
