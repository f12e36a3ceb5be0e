import CovgapModel
import GDALBridge

/// What `covgap simulate` produces and how.
public struct SimulationSettings: Sendable {
    public var sitesPath: String
    public var outputFolder: String
    /// The area to cover, lon/lat.
    public var lonLatBox: Envelope
    public var resolutionMetres: Double = 100
    /// Output CRS; nil = the UTM zone of the area's centre.
    public var crs: String?
    public var seed: UInt64 = 1
    public var shadowingSigmaDb: Double = 8
    public var decorrelationMetres: Double = 500
    public var model = PropagationModel()
    /// Optional DEM (any GDAL raster, any CRS, heights in metres above sea level after its scale and offset): with
    /// one, the loss is free space plus delta-Bullington diffraction over the terrain instead of Hata.
    public var demPath: String?
    /// The effective Earth radius factor of the terrain model (4/3: the median atmosphere).
    public var kFactor: Double = 4.0 / 3.0
    /// The farthest a site is modelled over terrain, km.
    public var terrainRangeKm: Double = 30
    /// The boundary layer the area came from, if any (an input the output folder may not hold).
    public var boundariesPath: String?
    /// Tile side in cells without a DEM; the output rasters' block size too.
    public var tileSize: Int = 512
    /// Tile side in cells with a DEM: a site's terrain sweep is split over the tiles its range covers, so smaller
    /// tiles let every worker share one site's work.
    public var terrainTileSize: Int = 128
    public var threads: Int = 1

    /// Settings with the documented defaults for the sites at `sitesPath` over `lonLatBox`.
    public init(sitesPath: String, outputFolder: String, lonLatBox: Envelope) {
        self.sitesPath = sitesPath
        self.outputFolder = outputFolder
        self.lonLatBox = lonLatBox
    }

    /// The tile side the workers and the output blocks use.
    public var effectiveTileSize: Int { demPath == nil ? tileSize : terrainTileSize }

    /// "EPSG:326zz", the northern UTM zone of the box centre.
    public var resolvedCRS: String {
        crs ?? "EPSG:326\(String(format: "%02d", Int(((lonLatBox.minX + lonLatBox.maxX) / 2 + 180) / 6) + 1))"
    }
}
