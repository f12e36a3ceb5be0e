import CovgapGrid
import CovgapModel
import CovgapSupport
import CovgapTerrain
import Foundation
import GDALBridge

/// The DEM on the output grid padded by the terrain range on every side (so a site outside the area still sees the
/// terrain between it and the area), warped once into a scratch GeoTIFF that every worker reads windows of.
struct TerrainDEM: Sendable {
    let path: String
    let scaling: ValueScaling
    /// Padding in cells on each side of the output grid.
    let pad: Int
    let width: Int, height: Int
    let geoTransform: GeoTransform

    /// Warps `source` (checked as a raster that overlaps the area) bilinearly onto `grid` padded by `rangeMetres`.
    static func warp(
        _ source: String, onto grid: AnalysisGrid, srs: SpatialReference, rangeMetres: Double, scratch: String
    ) throws -> TerrainDEM {
        let r = grid.resolutionMetres, pad = Int((rangeMetres / r).rounded(.up)) + 2
        let gt = grid.geoTransform
        let padded = GeoTransform(
            originX: gt.originX - Double(pad) * r, pixelWidth: r, originY: gt.originY + Double(pad) * r,
            pixelHeight: -r)
        let (width, height) = (grid.width + 2 * pad, grid.height + 2 * pad)
        let paddedGrid = AnalysisGrid(
            crsWKT: grid.crsWKT, geoTransform: padded, width: width, height: height, cellArea: .constant(r * r),
            resolutionMetres: r)
        let ds = try GridInputs.checkedRaster(source, band: 1, role: "DEM", grid: paddedGrid, gridCRS: srs)
        let scaling = ValueScaling(try ds.band(1))
        try GridInputs.warpVRT(
            ds, grid: paddedGrid, resampling: "bilinear", type: "Float32", format: "GTiff",
            creationOptions: ["TILED=YES", "BIGTIFF=IF_SAFER"], to: scratch)
        return TerrainDEM(
            path: scratch, scaling: scaling, pad: pad, width: width, height: height, geoTransform: padded)
    }

    /// Heights in metres around output window `w`, `margin` cells beyond it on each side (within the padding).
    func heights(around w: PixelWindow, margin: Int, band: RasterBand) throws -> HeightGrid {
        let c0 = max(w.column + pad - margin, 0), r0 = max(w.row + pad - margin, 0)
        let c1 = min(w.column + pad + w.width + margin, width), r1 = min(w.row + pad + w.height + margin, height)
        let window = PixelWindow(column: c0, row: r0, width: c1 - c0, height: r1 - r0)
        var values = try band.read(window, as: Float.self)
        if !scaling.isIdentity {
            for i in values.indices where !values[i].isNaN { values[i] = Float(scaling.apply(Double(values[i]))) }
        }
        let gt = geoTransform
        return HeightGrid(
            values: values, width: window.width, height: window.height,
            originX: gt.originX + Double(c0) * gt.pixelWidth, originY: gt.originY + Double(r0) * gt.pixelHeight,
            cellSize: gt.pixelWidth)
    }
}

/// The per-cell signal of `covgap simulate` over terrain for one tile of one layer: the best over the layer's sites
/// in range of EIRP − (free space + delta-Bullington diffraction), plus the layer's shadowing.
enum TerrainSignalTile {
    /// The tile's levels; nodata where no site is in range or the level is below the floor.
    static func compute(
        layer: SimulationRun.Layer, window w: PixelWindow, geoTransform gt: GeoTransform, ground: HeightGrid,
        settings s: SimulationSettings
    ) -> [Int16] {
        let x0 = gt.originX + Double(w.column) * gt.pixelWidth, y1 = gt.originY + Double(w.row) * gt.pixelHeight
        let x1 = x0 + Double(w.width) * gt.pixelWidth, y0 = y1 + Double(w.height) * gt.pixelHeight
        let rect = RadialLoss.Rect(minX: x0, minY: y0, maxX: x1, maxY: y1)
        let sweeps = layer.sites.compactMap { site -> (SimulationRun.PlacedSite, RadialLoss)? in
            let dx = max(x0 - site.x, 0, site.x - x1), dy = max(y0 - site.y, 0, site.y - y1)
            guard dx * dx + dy * dy <= site.reachMetres * site.reachMetres else { return nil }
            let loss = RadialLoss(
                transmitter: .init(x: site.x, y: site.y, aboveGround: site.heightMetres), ground: ground,
                diffraction: Diffraction(frequencyMHz: site.frequencyMHz, kFactor: s.kFactor),
                rxAboveGround: s.model.mobileHeightMetres, rangeMetres: site.reachMetres,
                stepMetres: s.resolutionMetres, serving: rect)
            return (site, loss)
        }
        var out = [Int16](repeating: SignalTile.noData, count: w.cellCount)
        guard !sweeps.isEmpty else { return out }
        let ceiling = SignalTile.ceiling(layer.technology), minimum = s.model.minimumDistanceKm * 1000
        for r in 0..<w.height {
            let y = y1 + (Double(r) + 0.5) * gt.pixelHeight
            for c in 0..<w.width {
                let x = x0 + (Double(c) + 0.5) * gt.pixelWidth
                var best = -Double.infinity
                for (site, sweep) in sweeps {
                    guard let loss = sweep.loss(x: x, y: y, minimumMetres: minimum) else { continue }
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
            "shadowing_sigma_db": String(format: "%g", s.shadowingSigmaDb),
            "seed": "\(s.seed)",
        ]
    }
}
