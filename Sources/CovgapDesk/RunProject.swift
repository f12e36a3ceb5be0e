import CovgapSupport
import Foundation
import GDALBridge

/// The QGIS project of a run folder (`coverage.qgs`): every layer the run wrote, by its Vietnamese name and styled,
/// the focus technology's layers ticked and the others ready to tick.
public enum RunProject {
    public static let fileName = "coverage.qgs"

    /// The project for the run in `folder` (its files as written there), titled `title`, opening on `focus`
    /// ("4G") among `technologies` (["3G", "4G", "ANY"], those with layers).
    public static func make(folder: String, title: String, technologies: [String], focus: String) throws -> QGISProject
    {
        let gpkg = try VectorDataset.open(folder + "/coverage.gpkg")
        let communes = try gpkg.layer(named: "communes")
        guard let srs = communes.spatialReference, let box = communes.extent else {
            throw InternalError("coverage.gpkg's communes layer has no CRS or no extent")
        }
        let fields = { (layer: String) in (try? gpkg.layer(named: layer).fields.map(\.name)) ?? [] }
        let exists = { (name: String) in FileManager.default.fileExists(atPath: folder + "/" + name) }
        var layers: [QGISProject.Layer] = []
        if gpkg.layerNames.contains("villages") {
            layers.append(
                .init(
                    id: "villages", name: "Thôn, theo sóng \(focus)", source: "./coverage.gpkg|layername=villages",
                    style: .vector(RunStyles.villages(fields: fields("villages"), technology: focus)),
                    crs: lonLat))
        }
        for (file, id, name, style) in geoJSONLayers where exists(file) {
            let f = (try? VectorDataset.open(folder + "/" + file).layer(named: nil).fields.map(\.name)) ?? []
            layers.append(
                .init(
                    id: id, name: name, source: "./" + file, style: .vector(style(f)), visible: id == "shared_sites",
                    crs: lonLat))
        }
        layers.append(
            .init(
                id: "communes", name: "Ranh giới xã", source: "./coverage.gpkg|layername=communes",
                style: .vector(RunStyles.communes(fields: fields("communes")))))
        for t in technologies {
            let subset = "|subset=\"technology\" = '\(t)'"
            layers.append(
                .init(
                    id: "dead_zones_\(t.lowercased())", name: "Vùng lõm sóng \(t)",
                    source: "./coverage.gpkg|layername=dead_zones" + subset,
                    style: .vector(RunStyles.deadZones(fields: fields("dead_zones"))), visible: t == focus))
        }
        if gpkg.layerNames.contains("partial_notspots") {
            for t in technologies {
                layers.append(
                    .init(
                        id: "partial_notspots_\(t.lowercased())",
                        name: "Vùng thiếu sóng một số nhà mạng \(t)",
                        source: "./coverage.gpkg|layername=partial_notspots|subset=\"technology\" = '\(t)'",
                        style: .vector(RunStyles.partialNotspots(fields: fields("partial_notspots"))), visible: false))
            }
        }
        for t in technologies where exists("coverage_classes_\(t.lowercased()).tif") {
            layers.append(
                .init(
                    id: "coverage_classes_\(t.lowercased())", name: "Mức phủ sóng \(t)",
                    source: "./coverage_classes_\(t.lowercased()).tif", style: .raster(.coverageClasses),
                    visible: t == focus))
        }
        return QGISProject(
            title: title, crsWKT: srs.wkt, crsName: srs.name,
            extent: (box.minX, box.minY, box.maxX, box.maxY), layers: layers)
    }

    /// GeoJSON is lon/lat (RFC 7946).
    static let lonLat = (wkt: SpatialReference.wgs84().wkt, name: "WGS 84", authid: "EPSG:4326")

    /// The run's GeoJSON layers a map shows: file, id, name and style.
    static let geoJSONLayers: [(String, String, String, @Sendable ([String]) -> VectorStyle)] = [
        ("shared_sites.geojson", "shared_sites", "Trạm dùng chung đề xuất", RunStyles.sharedSites),
        (
            "colocation_clusters.geojson", "colocation_clusters", "Cụm trạm có thể dùng chung",
            RunStyles.colocationClusters
        ),
        (
            "underground_candidates.geojson", "underground", "Tuyến cáp đề xuất ngầm hóa",
            RunStyles.undergroundCorridors
        ),
    ]
}
