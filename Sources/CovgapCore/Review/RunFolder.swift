import Foundation
import GDALBridge

/// A finished `covgap analyze` run, read back for a review: its config and grid, communes (with polygons in the grid
/// CRS), dead zones, the model's villages, and the coverage-bits and commune rasters.
final class RunFolder {
    let path: String
    let config: CovgapConfig
    let grid: AnalysisGrid
    let gridCRS: SpatialReference
    let carriers: [String]
    let scopes: CarrierScopes
    /// Communes by id (index id − 1) and their polygons in the grid CRS.
    let communes: [Commune]
    let communePolygons: [Geometry]
    let deadZones: [RunDeadZone]
    let villages: [RunVillage]

    /// A dead zone as the run wrote it.
    struct RunDeadZone {
        let id: String, technology: String, communeCode: String, population: Int, areaKm2: Double, lon: Double, lat: Double
        let polygon: Geometry
        /// km to each carrier's nearest covered cell (carriers covering nothing of the technology are absent).
        var nearestKm: [String: Double] = [:]
    }

    /// A village as the run classified it.
    struct RunVillage {
        let code: String, name: String, communeCode: String, households: Int?, lon: Double, lat: Double
        let classes: [String: String]
        /// Carriers covering the centre, per scope ("3G", "4G", "ANY").
        var carriers: [String: [String]] = [:]
        var hasGridPower: Bool? = nil
        var especiallyDifficultArea: Bool? = nil
    }

    var coverageBitsPath: String { path + "/" + RunRasters.bitsFile }
    var communesRasterPath: String { path + "/" + RunRasters.communesFile }

    init(path: String) throws {
        self.path = path
        let manifestPath = path + "/" + Manifest.fileName
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw InputError(file: path, problem: "is not a finished covgap run (no \(Manifest.fileName))", hint: "run covgap analyze first")
        }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw InputError(file: manifestPath, problem: "cannot be read (\(error))", hint: "re-run covgap analyze with this version of covgap")
        }
        for f in [RunRasters.bitsFile, RunRasters.communesFile, "coverage.gpkg"] where !FileManager.default.fileExists(atPath: path + "/" + f) {
            throw InputError(file: path, problem: "lacks \(f)", hint: "re-run covgap analyze with this version of covgap")
        }
        let config = manifest.config
        self.config = config
        gridCRS = try SpatialReference(userInput: manifest.grid.crsWKT)
        grid = try GridBuilder.restore(manifest.grid, crs: gridCRS)
        carriers = config.carriers
        scopes = CarrierScopes(rules: config.coverage.map {
            CoverageRule(carrierIndex: config.carriers.firstIndex(of: $0.carrier)!, technology: $0.technology, values: $0.values,
                         thresholdDbm: $0.thresholdDbm, noData: $0.noData)
        })
        let gpkg = try VectorDataset.open(path + "/coverage.gpkg")
        var rows: [(Commune, Geometry)] = []
        let layer = try gpkg.layer(named: "communes")
        let f = ["commune_id", "commune_code", "commune_name", "province_code", "province_name"].map { layer.fieldIndex($0)! }
        while let feature = layer.nextFeature() {
            rows.append((Commune(id: Int(feature.double(f[0]) ?? 0), code: feature.string(f[1]) ?? "", name: feature.string(f[2]) ?? "",
                                 provinceCode: feature.string(f[3]) ?? "", provinceName: feature.string(f[4]) ?? ""), feature.geometry!))
        }
        rows.sort { $0.0.id < $1.0.id }
        communes = rows.map(\.0)
        communePolygons = rows.map(\.1)
        var zones: [RunDeadZone] = []
        let dz = try gpkg.layer(named: "dead_zones")
        let z = ["id", "technology", "commune_code", "population", "area_km2", "centroid_lon", "centroid_lat"].map { dz.fieldIndex($0)! }
        let nearest = carriers.map { ($0, dz.fieldIndex("nearest_km_\($0)")) }
        while let feature = dz.nextFeature() {
            guard let g = feature.geometry else { continue }
            var zone = RunDeadZone(id: feature.string(z[0]) ?? "", technology: feature.string(z[1]) ?? "", communeCode: feature.string(z[2]) ?? "",
                                   population: Int(feature.double(z[3]) ?? 0), areaKm2: feature.double(z[4]) ?? 0,
                                   lon: feature.double(z[5]) ?? 0, lat: feature.double(z[6]) ?? 0, polygon: g)
            for (c, i) in nearest { if let i, let d = feature.double(i) { zone.nearestKm[c] = d } }
            zones.append(zone)
        }
        deadZones = zones
        var villages: [RunVillage] = []
        if gpkg.layerNames.contains("villages") {
            let v = try gpkg.layer(named: "villages")
            let names = v.fields.map(\.name)
            func index(_ n: String) -> Int? { names.firstIndex(of: n) }
            while let feature = v.nextFeature() {
                var classes: [String: String] = [:]
                for scope in TechnologyScope.allCases { if let i = index("class_\(scope.rawValue)"), let c = feature.string(i) { classes[scope.rawValue] = c } }
                var village = RunVillage(code: feature.string(index("village_code")!) ?? "", name: feature.string(index("village_name")!) ?? "",
                                         communeCode: feature.string(index("commune_code")!) ?? "", households: feature.double(index("households")!).map { Int($0) },
                                         lon: feature.double(index("lon")!) ?? 0, lat: feature.double(index("lat")!) ?? 0, classes: classes)
                for scope in TechnologyScope.allCases {
                    if let i = index("carriers_\(scope.rawValue)") {
                        village.carriers[scope.rawValue] = (feature.string(i) ?? "").split(separator: ";").map(String.init)
                    }
                }
                func flag(_ name: String) -> Bool? { index(name).flatMap { feature.string($0) }.flatMap { $0 == "yes" ? true : $0 == "no" ? false : nil } }
                village.hasGridPower = flag("has_grid_power")
                village.especiallyDifficultArea = flag("especially_difficult_area")
                villages.append(village)
            }
        }
        self.villages = villages
    }
}
