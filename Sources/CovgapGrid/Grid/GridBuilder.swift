import CovgapSupport
import Foundation
import GDALBridge

/// Chooses the analysis CRS and snaps the grid around the area of interest.
public enum GridBuilder {
    /// An Albers equal-area conic on WGS 84 centred on a lon/lat box, standard parallels at 1/6 and 5/6 of its height,
    /// as WKT named "Albers equal-area, `area` (covgap)", so every output carries one CRS a person can recognise. The
    /// name is written without Vietnamese marks: QGIS 3.22 reads CRS text as Latin-1 and would show "?i?n Bi�n".
    public static func albersCRS(around box: Envelope, area: String) throws -> String {
        let dLat = box.maxY - box.minY
        let lat1 = box.minY + dLat / 6, lat2 = box.maxY - dLat / 6
        let lat0 = (box.minY + box.maxY) / 2, lon0 = (box.minX + box.maxX) / 2
        // Four decimals (11 m), so the text and the grid do not depend on the last bits of the communes' box.
        func r(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
        let srs = try SpatialReference.albersEqualArea(
            name: "Albers equal-area, \(NameKey.ascii(area)) (covgap)", latitudeOfOrigin: r(lat0),
            centralMeridian: r(lon0),
            parallel1: r(lat1), parallel2: r(max(lat2, lat1 + 0.5)))
        return try srs.asGeoTIFFStoresIt().wkt
    }

    /// Projection methods whose cells all have the same ground area.
    static let equalAreaMethods = [
        "Equal_Area", "Albers", "Mollweide", "Sinusoidal", "Eckert_IV", "Eckert_VI", "Goode",
    ]

    /// Builds the grid: `crs` ("auto" or any CRS text), `extent` of the area in that CRS, `resolution` in metres, and
    /// `marginCells` more on every side. `configPath` names the file to blame when the CRS cannot give true areas.
    public static func build(
        crs srs: SpatialReference, extent: Envelope, resolutionMetres: Double, marginCells: Int = 0,
        configPath: String = "config"
    ) throws -> AnalysisGrid {
        let res: Double
        let area: (Int, Double) -> CellArea
        if srs.isGeographic {
            res = resolutionMetres / 111_320
            area = { height, maxY in
                .perRow(
                    (0..<height).map { row in
                        CellArea.ellipsoidQuadrangle(
                            lat1: maxY - Double(row) * res, lat2: maxY - Double(row + 1) * res, dLon: res)
                    })
            }
        } else if let method = srs.projectionMethod, equalAreaMethods.contains(where: method.contains) {
            res = resolutionMetres / srs.linearUnitMetres
            area = { _, _ in .constant(resolutionMetres * resolutionMetres) }
        } else {
            throw InputError(
                file: configPath, location: "key 'grid.crs'",
                problem:
                    "the grid CRS uses the \(srs.projectionMethod ?? "unknown") projection, which does not preserve "
                    + "area",
                hint:
                    "use crs: auto (Albers equal-area), another equal-area projection (e.g. EPSG:6933) or a "
                    + "geographic CRS so areas are true ground areas"
            )
        }
        let m = Double(marginCells)
        let minX = ((extent.minX / res).rounded(.down) - m) * res, maxX = ((extent.maxX / res).rounded(.up) + m) * res
        let minY = ((extent.minY / res).rounded(.down) - m) * res, maxY = ((extent.maxY / res).rounded(.up) + m) * res
        let columns = ((maxX - minX) / res).rounded(), rows = ((maxY - minY) / res).rounded()
        guard columns.isFinite, rows.isFinite, columns < Double(Int32.max), rows < Double(Int32.max) else {
            throw InputError(
                file: configPath, location: "key 'grid'",
                problem: "the grid would be \(columns) × \(rows) cells, more than GDAL can hold",
                hint: "coarsen grid.resolution_m or select fewer provinces")
        }
        let width = max(1, Int(columns)), height = max(1, Int(rows))
        return AnalysisGrid(
            crsWKT: srs.wkt,
            geoTransform: GeoTransform(originX: minX, pixelWidth: res, originY: maxY, pixelHeight: -res),
            width: width, height: height, cellArea: area(height, maxY), resolutionMetres: resolutionMetres)
    }
}
