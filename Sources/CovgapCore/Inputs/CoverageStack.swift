import Foundation
import GDALBridge

/// Coverage layers that share one source grid (size, geotransform, CRS) and one resampling are warped together: one
/// VRT stacks them as bands, and one warped VRT over it brings all of them onto the analysis grid, so each tile's
/// source coordinates are computed once for the group instead of once per layer. Each band keeps its own nodata
/// (UNIFIED_SRC_NODATA=NO), so a stacked band warps exactly as the layer alone would.
struct CoverageStack {
    /// One layer as it enters a stack: its index in the config, its source band, type and nodata.
    struct Member { let index: Int; let path: String; let band: Int; let type: RasterDataType; let noData: Double? }

    /// The grid key: layers with equal keys can share a warp.
    struct Key: Hashable {
        let width: Int, height: Int, geoTransform: [Double], wkt: String, resampling: String
    }

    let key: Key
    var members: [Member]

    /// Groups `layers` (dataset, config index, band, resampling) by source grid, in first-appearance order. Layers whose
    /// type a VRT band cannot carry unchanged (signed bytes in GDAL 3.6, complex) stay alone.
    static func group(_ layers: [(ds: RasterDataset, index: Int, band: Int, resampling: String)]) throws -> [CoverageStack] {
        var stacks: [CoverageStack] = []
        for l in layers {
            let band = try l.ds.band(l.band)
            let member = Member(index: l.index, path: l.ds.path, band: l.band, type: band.dataType, noData: band.noDataValue)
            let signed = band.metadataItem("PIXELTYPE") == "SIGNEDBYTE"
            guard let gt = l.ds.geoTransform, let wkt = l.ds.spatialReference?.wkt, !signed, ![.complex, .unknown, .int8].contains(band.dataType)
            else {
                stacks.append(CoverageStack(key: Key(width: -1, height: l.index, geoTransform: [], wkt: "", resampling: l.resampling), members: [member]))
                continue
            }
            let key = Key(width: l.ds.width, height: l.ds.height, geoTransform: gt.coefficients, wkt: wkt, resampling: l.resampling)
            if let i = stacks.firstIndex(where: { $0.key == key }) { stacks[i].members.append(member) } else {
                stacks.append(CoverageStack(key: key, members: [member]))
            }
        }
        return stacks
    }

    /// The VRT that stacks the members as bands 1…n, each from its own file and band with its own nodata.
    func vrtXML() -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var xml = "<VRTDataset rasterXSize=\"\(key.width)\" rasterYSize=\"\(key.height)\">\n"
        xml += "  <SRS>\(esc(key.wkt))</SRS>\n"
        xml += "  <GeoTransform>\(key.geoTransform.map { String(format: "%.17g", $0) }.joined(separator: ", "))</GeoTransform>\n"
        for (i, m) in members.enumerated() {
            xml += "  <VRTRasterBand dataType=\"\(m.type.rawValue)\" band=\"\(i + 1)\">\n"
            if let nd = m.noData { xml += "    <NoDataValue>\(nd.isNaN ? "nan" : String(format: "%.17g", nd))</NoDataValue>\n" }
            xml += "    <SimpleSource>\n      <SourceFilename relativeToVRT=\"0\">\(esc(m.path))</SourceFilename>\n"
            xml += "      <SourceBand>\(m.band)</SourceBand>\n    </SimpleSource>\n  </VRTRasterBand>\n"
        }
        return xml + "</VRTDataset>\n"
    }
}
