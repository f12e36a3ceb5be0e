import CovgapModel
import CovgapSupport
import GDALBridge

/// The grid a config gives for its communes: the CRS (auto = Albers around them), the snapped grid, the communes'
/// polygons in that CRS, and the cell budget check. Shared by `analyze` and `inspect`, so both see the same grid.
public struct GridPlan {
    public let crs: SpatialReference
    public let crsText: String
    public let grid: AnalysisGrid
    public let gridGeometries: [Geometry]
    /// The communes' bounding box in the grid CRS (the grid is this and the margin).
    public let communeExtent: Envelope
    /// Where coverage is read: the communes and `grid.margin_km` around them.
    public let area: AreaOfInterest

    public init(config: CovgapConfig, communes set: CommuneSet) throws {
        crsText =
            config.grid.crs == "auto"
            ? try GridBuilder.albersCRS(around: set.lonLatBox, area: set.areaName) : config.grid.crs
        do { crs = try SpatialReference(userInput: crsText) } catch {
            throw InputError(
                file: config.configPath, location: "key 'grid.crs'",
                problem: "'\(crsText)' is not a CRS GDAL knows (\(error))",
                hint: "use auto, an EPSG code such as EPSG:6933, a PROJ string or WKT")
        }
        let toGrid = try CoordinateTransform(from: set.sourceCRS, to: crs)
        var geometries: [Geometry] = []
        var extent: Envelope?
        for (i, g) in set.geometries.enumerated() {
            let copy = g.clone()
            do { try copy.transform(toGrid) } catch {
                throw InputError(
                    file: config.boundaries.path, location: "commune \(set.communes[i].code)",
                    problem: "cannot be transformed to the grid CRS", hint: "check the layer's CRS")
            }
            geometries.append(copy)
            extent = extent.map { $0.union(copy.envelope) } ?? copy.envelope
        }
        gridGeometries = geometries
        communeExtent = extent!
        let marginCells = Int((config.grid.marginKm * 1000 / config.grid.resolutionMetres).rounded(.up))
        grid = try GridBuilder.build(
            crs: crs, extent: extent!, resolutionMetres: config.grid.resolutionMetres, marginCells: marginCells,
            configPath: config.configPath)
        guard grid.cellCount <= config.grid.maxCells else {
            throw InputError(
                file: config.configPath, location: "key 'grid'",
                problem:
                    "the grid would have \(grid.cellCount) cells (\(grid.width) × \(grid.height)), over the budget of "
                    + "\(config.grid.maxCells)",
                hint: "coarsen grid.resolution_m, select fewer provinces, or raise grid.max_cells")
        }
        area = AreaOfInterest(grid: grid, envelopes: geometries.map(\.envelope), marginCells: marginCells)
    }
}
