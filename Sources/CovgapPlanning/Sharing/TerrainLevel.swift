import CovgapGrid
import CovgapModel
import CovgapTerrain
import Foundation
import GDALBridge

/// Levels over the terrain from one point to another (free space plus delta-Bullington over the DEM profile between
/// them), for the checks that ask whether one site reaches one place: the co-location remedy.
final class TerrainLevel {
    let dem: TerrainDEM
    let input: TerrainInput
    private let band: RasterBand
    private let mobileHeightMetres = PropagationModel().mobileHeightMetres

    /// Levels over `dem` (warped on the grid) with `input`'s Earth factor; reads the DEM on the calling thread only.
    init(dem: TerrainDEM, input: TerrainInput) throws {
        self.dem = dem
        self.input = input
        band = try RasterDataset.open(dem.path).band(1)
    }

    /// The level (dBm) at a handset at (x, y) from an antenna `heightMetres` above the ground at `from`, radiating
    /// `eirpDbm` at `frequencyMHz`; the profile is sampled every DEM cell.
    func level(
        from site: (x: Double, y: Double), heightMetres: Double, eirpDbm: Double, frequencyMHz: Double,
        to point: (x: Double, y: Double)
    ) throws -> Double {
        let step = dem.geoTransform.pixelWidth, margin = 2 * step
        let ground = try dem.heights(
            minX: min(site.x, point.x) - margin, minY: min(site.y, point.y) - margin,
            maxX: max(site.x, point.x) + margin, maxY: max(site.y, point.y) + margin, band: band)
        let dx = point.x - site.x, dy = point.y - site.y
        let d = max((dx * dx + dy * dy).squareRoot(), PropagationModel().minimumDistanceKm * 1000)
        let n = max(2, Int((d / step).rounded(.up)))
        let heights = (0...n).map { i in
            ground.sample(x: site.x + dx * Double(i) / Double(n), y: site.y + dy * Double(i) / Double(n))
        }
        let diffraction = Diffraction(frequencyMHz: frequencyMHz, kFactor: input.kFactor)
        let loss = heights.withUnsafeBufferPointer {
            diffraction.loss(
                heights: $0, count: n, stepKm: d / Double(n) / 1000, txAboveGround: heightMetres,
                rxAboveGround: mobileHeightMetres)
        }
        return eirpDbm - diffraction.freeSpace(distanceKm: d / 1000) - loss
    }
}
