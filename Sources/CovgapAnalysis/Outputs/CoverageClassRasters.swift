import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// `coverage_classes_3g.tif`, `_4g`, `_any`: for each technology with layers, every cell of a commune as a
/// `CoverageClass` (all / some / no carrier / unknown) and 0, nodata, outside the communes; with a colour table and
/// category names, so any GIS draws a readable map with no legend from the README. The bit-packed model stays beside.
public enum CoverageClassRasters {
    public static func fileName(_ scope: TechnologyScope) -> String {
        "coverage_classes_\(scope.rawValue.lowercased()).tif"
    }

    /// The category name of each value (0 outside the communes), Vietnamese then English.
    public static let categoryNames =
        ["ngoài xã (outside the communes)"] + CoverageClass.allCases.map { "\($0.names.vi) (\($0.names.en))" }

    /// Writes one raster per scope that has layers, tile by tile in row-major order (memory is one tile; the bytes do
    /// not depend on threads); returns the file names written.
    public static func write(
        bits: String, communes: String, scopes: CarrierScopes, staging: OutputStaging, tileSize: Int
    ) throws -> [String] {
        let bitsDS = try RasterDataset.open(bits), idsDS = try RasterDataset.open(communes)
        var written: [String] = []
        for (s, scope) in TechnologyScope.allCases.enumerated() where scopes.layerBits[s] != 0 {
            let name = fileName(scope)
            try write(
                scope: s, allCarriers: UInt8(truncatingIfNeeded: scopes.layerBits[s]), bits: bitsDS, communes: idsDS,
                to: staging.file(name), tileSize: tileSize)
            written.append(name)
        }
        return written
    }

    private static func write(
        scope: Int, allCarriers: UInt8, bits: RasterDataset, communes: RasterDataset, to path: String, tileSize: Int
    ) throws {
        let (width, height) = (bits.width, bits.height)
        let out = try RasterDataset.create(
            driver: "GTiff", path: path, width: width, height: height, bands: 1, type: .byte,
            options: ["TILED=YES", "BLOCKXSIZE=\(tileSize)", "BLOCKYSIZE=\(tileSize)", "COMPRESS=DEFLATE"])
        if let gt = bits.geoTransform { try out.setGeoTransform(gt) }
        if let srs = bits.spatialReference { try out.setSpatialReference(srs) }
        let band = try out.band(1)
        try band.setNoDataValue(0)
        try band.setColorTable(
            [(255, 255, 255, 0)] + CoverageClass.allCases.map { ($0.rgb.r, $0.rgb.g, $0.rgb.b, 255) })
        try band.setCategoryNames(categoryNames)
        band.setDescription(TechnologyScope.allCases[scope].rawValue)
        let bitsBand = try bits.band(scope + 1), idsBand = try communes.band(1)
        for row in stride(from: 0, to: height, by: tileSize) {
            for column in stride(from: 0, to: width, by: tileSize) {
                let w = PixelWindow(
                    column: column, row: row, width: min(tileSize, width - column),
                    height: min(tileSize, height - row))
                let b: [UInt8] = try bitsBand.read(w), ids: [UInt32] = try idsBand.read(w)
                let classes = (0..<w.cellCount).map { i in
                    ids[i] == 0 ? 0 : CoverageClass.of(bits: b[i], allCarriers: allCarriers).rawValue
                }
                try band.write(w, values: classes)
            }
        }
        try out.flush()
    }
}
