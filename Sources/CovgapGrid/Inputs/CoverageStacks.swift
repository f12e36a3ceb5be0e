import CovgapModel
import GDALBridge

/// Coverage layers warped together: layers whose rasters share one source grid (CRS, geotransform, size, type, nodata)
/// and resampling are stacked into one VRT and warped as one multi-band raster, so GDAL finds each grid cell's source
/// position once for all of them instead of once per layer (carriers deliver 3G and 4G, often every carrier, on one
/// grid).
public struct CoverageStack: Sendable {
    /// The warped VRT on the analysis grid.
    public var path: String
    /// The configured layers it holds (indices into the config's coverage list), in the order of `bands`.
    public var layers: [Int]
    /// The warped VRT's bands to read, one per layer.
    public var bands: [Int]
    /// The files the user gave for these layers, for messages (never the scratch VRT's path).
    public var sources: [String]
    /// The value that means "no data" in the warped bands besides NaN: the sources' own nodata where it is copied as is
    /// (nearest neighbour on small integer types, GDAL's no-mask fast path); NaN (matches nothing) otherwise.
    public var sentinel: Float
}

public enum CoverageStacks {
    /// Groups `layers` by source grid and warps each group onto `grid` (scratch VRTs named from `scratch`).
    public static func build(
        _ layers: [CoverageInput], grid: AnalysisGrid, errorPixels: Double,
        scratch: (String) -> String
    ) throws -> [CoverageStack] {
        var groups: [(key: String, members: [Int])] = []
        var sources: [RasterDataset] = []
        for (i, layer) in layers.enumerated() {
            let ds = try RasterDataset.open(layer.path)
            sources.append(ds)
            // Only band 1 of each file stacks (gdalbuildvrt -separate); another band warps on its own.
            let key = layer.band == 1 ? try gridKey(ds, resampling: layer.resampling) : "single \(i)"
            if let g = groups.firstIndex(where: { $0.key == key }) {
                groups[g].members.append(i)
            } else {
                groups.append((key, [i]))
            }
        }
        return try groups.enumerated().map { g, group in
            let first = sources[group.members[0]]
            let band = try first.band(layers[group.members[0]].band)
            let source: RasterDataset
            if group.members.count == 1 {
                source = first
            } else {
                source = try GDALAlgorithms.buildVRT(
                    group.members.map { sources[$0] }, to: scratch("coverage_stack_\(g).vrt"),
                    arguments: ["-separate"])
            }
            // Nearest neighbour on a small integer type with a nodata value: no validity masks (GDAL's fast kernel);
            // the nodata value is copied as is and cells outside the source get it too, and the kernel reads it as
            // nodata.
            let fast =
                layers[group.members[0]].resampling == "near" && [.byte, .uint16, .int16].contains(band.dataType)
                && band.noDataValue != nil
            let path = scratch("coverage_\(g).vrt")
            let resampling = layers[group.members[0]].resampling
            if fast, let nodata = band.noDataValue {
                try GridInputs.warpVRT(
                    source, grid: grid, resampling: resampling, type: band.dataType.rawValue, errorPixels: errorPixels,
                    noMasks: nodata, to: path)
            } else {
                try GridInputs.warpVRT(
                    source, grid: grid, resampling: resampling, type: "Float32", errorPixels: errorPixels, to: path)
            }
            return CoverageStack(
                path: path, layers: group.members,
                bands: group.members.count == 1 ? [layers[group.members[0]].band] : Array(1...group.members.count),
                sources: group.members.map { layers[$0].path },
                sentinel: fast ? Float(band.noDataValue!) : .nan)
        }
    }

    /// What two band-1 rasters must share to be warped as one: CRS, geotransform, size, type, nodata, resampling.
    private static func gridKey(_ ds: RasterDataset, resampling: String) throws -> String {
        let band = try ds.band(1)
        return [
            ds.spatialReference?.wkt ?? "", "\(ds.geoTransform?.coefficients ?? [])", "\(ds.width)x\(ds.height)",
            band.dataType.rawValue, "\(band.noDataValue.map { "\($0)" } ?? "none")", resampling,
        ].joined(separator: "|")
    }
}
