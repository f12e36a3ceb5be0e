import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The two grid rasters a run keeps for later steps (reviews, work orders) and for QGIS:
/// `coverage_bits.tif` (one Byte band per technology, see `CoverageBits`) and `communes.tif` (UInt32 commune ids, the
/// `commune_id` of coverage.gpkg's communes layer).
public enum RunRasters {
    public static let bitsFile = "coverage_bits.tif"
    public static let communesFile = "communes.tif"

    /// Copies the first pass's coverage bits from scratch into the run folder (in block order: workers wrote them in
    /// whatever order tiles finished, and the file must be byte-identical whatever the thread count) and labels them.
    public static func keep(
        bits: String, carriers: [String], scopes: CarrierScopes, staging: OutputStaging, tileSize: Int
    ) throws {
        let bitsTarget = staging.file(bitsFile)
        try RasterDataset.open(bits).copy(
            to: bitsTarget, driver: "GTiff", options: GridInputs.scratchOptions(tileSize: tileSize))
        let ds = try RasterDataset.open(bitsTarget, update: true)
        ds.setMetadataItem("COVGAP_CARRIERS", carriers.joined(separator: ","))
        ds.setMetadataItem(
            "COVGAP_BITS",
            "bit c (from 0) = carrier c covers; 128 alone = undetermined (or outside the area of interest, not read); "
                + "0 inside a commune = total not-spot"
        )
        for (s, scope) in TechnologyScope.allCases.enumerated() {
            let band = try ds.band(s + 1)
            band.setDescription(scope.rawValue)
            band.setMetadataItem("COVGAP_HAS_LAYERS", scopes.layerBits[s] != 0 ? "yes" : "no")
        }
        try ds.flush()
    }

    /// Copies the rasterized communes into the run folder, in block order too: gdal_rasterize runs beside the input
    /// checks, and when their reads press on GDAL's block cache its blocks reach the scratch file in another order.
    public static func keepCommunes(_ communes: String, staging: OutputStaging, tileSize: Int) throws {
        try RasterDataset.open(communes).copy(
            to: staging.file(communesFile), driver: "GTiff",
            options: GridInputs.scratchOptions(tileSize: tileSize))
    }
}
