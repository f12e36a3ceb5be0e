import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// The report's map: the run's coverage bits for one technology classified into all / some / no carriers, drawn by
/// GDAL as a PNG (nearest-neighbour overview, RGBA, through /vsimem/), with commune outlines, legend, scale bar and
/// north arrow as SVG on top. Everything inline.
public struct CoverageMap: Sendable {
    let grid: AnalysisGrid
    let bitsPath: String
    let communesPath: String
    let scopeIndex: Int
    let allCarriersBits: UInt8
    let outlines: [WKBGeometry]
    let language: ReportLanguage

    static let colors = CoverageClass.allCases.map(\.rgb)

    public func svg(maxWidth: Double = 900, maxHeight: Double = 640) throws -> String {
        let scale = min(maxWidth / Double(grid.width), maxHeight / Double(grid.height))
        let w = max(1, Int((Double(grid.width) * scale).rounded())),
            h = max(1, Int((Double(grid.height) * scale).rounded()))
        let all = PixelWindow(column: 0, row: 0, width: grid.width, height: grid.height)
        let bits: [UInt8] = try RasterDataset.open(bitsPath).band(scopeIndex + 1).readResampled(
            all, width: w, height: h)
        let ids: [UInt32] = try RasterDataset.open(communesPath).band(1).readResampled(all, width: w, height: h)
        var rgba = [[UInt8]](repeating: [UInt8](repeating: 0, count: w * h), count: 4)
        for i in 0..<(w * h) where ids[i] != 0 {
            let c = Int(CoverageClass.of(bits: bits[i], allCarriers: allCarriersBits).rawValue) - 1
            (rgba[0][i], rgba[1][i], rgba[2][i], rgba[3][i]) = (
                CoverageMap.colors[c].r, CoverageMap.colors[c].g, CoverageMap.colors[c].b, 255
            )
        }
        let mem = try RasterDataset.create(driver: "MEM", path: "", width: w, height: h, bands: 4, type: .byte)
        for (k, band) in rgba.enumerated() {
            try mem.band(k + 1).write(PixelWindow(column: 0, row: 0, width: w, height: h), values: band)
        }
        let pngPath = "/vsimem/covgap-map-\(UUID().uuidString).png"
        _ = try mem.copy(to: pngPath, driver: "PNG")
        guard let png = VirtualFiles.take(pngPath) else { throw InternalError("GDAL wrote no map image") }

        let gt = grid.geoTransform
        let px = { (x: Double, y: Double) -> String in
            let p = gt.pixel(x: x, y: y)
            return String(format: "%.1f,%.1f", p.column * scale, p.row * scale)
        }
        var paths = ""
        let tolerance = abs(gt.pixelWidth) / scale
        for value in outlines {
            let g = try Geometry(value)
            for polygon in (g.simplified(tolerance: tolerance) ?? g).polygonRingGroups {
                for ring in polygon where ring.count > 2 {
                    paths += "M" + ring.map { px($0.x, $0.y) }.joined(separator: "L") + "Z"
                }
            }
        }
        // Scale bar: the largest round length within a quarter of the width.
        let metresPerPixel = abs(gt.pixelWidth) / scale * (grid.isGeographic ? 111_320 : 1)
        let km = [1.0, 2, 5, 10, 20, 50, 100, 200, 500].last { $0 * 1000 / metresPerPixel <= Double(w) / 4 } ?? 1
        let bar = km * 1000 / metresPerPixel
        let legend = [(0, ReportLanguage.Key.legendAll), (1, .legendPartial), (2, .legendNone), (3, .legendUnknown)]
        // Wide enough for the legend's two columns even when the area is tall and narrow.
        let svgWidth = max(w, 720)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(svgWidth) \(h + 90)\" "
            + "width=\"\(svgWidth)\" role=\"img\">"
        svg += "<image width=\"\(w)\" height=\"\(h)\" href=\"data:image/png;base64,\(png.base64EncodedString())\"/>"
        svg += "<path d=\"\(paths)\" fill=\"none\" stroke=\"#333\" stroke-width=\"0.6\"/>"
        svg +=
            "<g transform=\"translate(\(w - 40),14)\"><path d=\"M0,26L10,0L20,26L10,19Z\" fill=\"#222\"/>"
            + "<text x=\"10\" y=\"40\" text-anchor=\"middle\" font-size=\"13\">N</text></g>"
        svg += String(
            format:
                "<g transform=\"translate(10,%d)\"><rect width=\"%.1f\" height=\"6\" fill=\"#222\"/>"
                + "<text y=\"20\" font-size=\"12\">0</text>"
                + "<text x=\"%.1f\" y=\"20\" font-size=\"12\" text-anchor=\"end\">%@ %@</text></g>",
            h + 12, bar, bar, language.number(km), language.t(.scale))
        for (k, (c, key)) in legend.enumerated() {
            let (x, y) = (10 + (k % 2) * 360, h + 44 + (k / 2) * 20)
            let (r, g, b) = (CoverageMap.colors[c].r, CoverageMap.colors[c].g, CoverageMap.colors[c].b)
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"14\" height=\"14\" fill=\"rgb(\(r),\(g),\(b))\"/>"
            svg += "<text x=\"\(x + 20)\" y=\"\(y + 12)\" font-size=\"13\">\(HTML.escape(language.t(key)))</text>"
        }
        return svg + "</svg>"
    }

    /// Memberwise: every stored property, in declaration order.
    public init(
        grid: AnalysisGrid, bitsPath: String, communesPath: String, scopeIndex: Int, allCarriersBits: UInt8,
        outlines: [WKBGeometry], language: ReportLanguage
    ) {
        self.grid = grid
        self.bitsPath = bitsPath
        self.communesPath = communesPath
        self.scopeIndex = scopeIndex
        self.allCarriersBits = allCarriersBits
        self.outlines = outlines
        self.language = language
    }
}
