import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// A finished `covgap analyze` run, read back for a review: its config and grid, communes (with polygons in the grid
/// CRS), dead zones, the model's villages, and the coverage-bits and commune rasters.
public final class RunFolder {
    public let path: String
    public let config: CovgapConfig
    public let grid: AnalysisGrid
    public let gridCRS: SpatialReference
    public let carriers: [String]
    public let scopes: CarrierScopes
    /// Communes by id (index id − 1) and their polygons in the grid CRS.
    public let communes: [Commune]
    public let communePolygons: [Geometry]
    public let deadZones: [RunDeadZone]
    public let villages: [RunVillage]

    /// A dead zone as the run wrote it.
    public struct RunDeadZone {
        public let id: String, technology: String, communeCode: String, population: Int, areaKm2: Double, lon: Double,
            lat: Double
        public let polygon: Geometry
        /// km to each carrier's nearest covered cell (carriers covering nothing of the technology are absent).
        public var nearestKm: [String: Double] = [:]
    }

    /// A village as the run classified it.
    public struct RunVillage {
        public let code: String, name: String, communeCode: String, households: Int?, lon: Double, lat: Double
        public let classes: [String: String]
        /// Carriers covering the centre, per scope ("3G", "4G", "ANY").
        public var carriers: [String: [String]] = [:]
        public var hasGridPower: Bool? = nil
        public var especiallyDifficultArea: Bool? = nil
    }

    public var coverageBitsPath: String { path + "/" + RunRasters.bitsFile }
    public var communesRasterPath: String { path + "/" + RunRasters.communesFile }

    /// Reads the run at `path`. Anything that is not what covgap wrote (a missing file, layer or field, a field of the
    /// wrong kind, a link, a commune id out of order) is an `InputError` naming the file, never a crash.
    public init(path: String) throws {
        let path = try RunFolderChecks.folder(path)
        self.path = path
        let manifest = try RunFolder.manifest(in: path)
        // Paths are written relative to the run (the folder may have moved with its inputs); older runs wrote them
        // absolute, which `resolve` keeps.
        let config = manifest.config.mappingPaths { RelativePath.resolve($0, against: path) }
        self.config = config
        carriers = config.carriers
        scopes = CarrierScopes(
            rules: try config.coverage.map { rule in
                guard let c = config.carriers.firstIndex(of: rule.carrier) else {
                    throw InputError(
                        file: path + "/" + Manifest.fileName, location: "config.coverage",
                        problem: "names carrier '\(rule.carrier)', which is not among its carriers",
                        hint: RunFolderChecks.rerun)
                }
                return CoverageRule(
                    carrierIndex: c, technology: rule.technology, values: rule.values, thresholdDbm: rule.thresholdDbm,
                    noData: rule.noData)
            })
        try RunFolderChecks.grid(manifest.grid, file: path + "/" + Manifest.fileName)
        do { gridCRS = try SpatialReference(wkt: manifest.grid.crsWKT) } catch {
            throw InputError(
                file: path + "/" + Manifest.fileName, location: "grid",
                problem: "has a CRS that cannot be read (\(error))", hint: RunFolderChecks.rerun)
        }
        grid = try GridBuilder.restore(manifest.grid, crs: gridCRS)
        try RunFolderChecks.raster(
            try RunFolderChecks.member(path, RunRasters.bitsFile), grid: grid, bands: TechnologyScope.allCases.count,
            type: .byte)
        try RunFolderChecks.raster(
            try RunFolderChecks.member(path, RunRasters.communesFile), grid: grid, bands: 1, type: .uint32)
        let gpkgPath = try RunFolderChecks.member(path, "coverage.gpkg")
        let gpkg: VectorDataset
        do { gpkg = try VectorDataset.open(gpkgPath, drivers: ["GPKG"]) } catch {
            throw InputError(
                file: gpkgPath, problem: "is not a GeoPackage covgap wrote (\(error))", hint: RunFolderChecks.rerun)
        }
        (communes, communePolygons) = try RunFolder.communes(try RunLayer(gpkg, "communes", file: gpkgPath))
        deadZones = try RunFolder.deadZones(try RunLayer(gpkg, "dead_zones", file: gpkgPath), carriers: carriers)
        villages =
            gpkg.layerNames.contains("villages")
            ? try RunFolder.villages(try RunLayer(gpkg, "villages", file: gpkgPath)) : []
    }

    private static func manifest(in path: String) throws -> Manifest {
        let manifestPath: String
        do { manifestPath = try RunFolderChecks.member(path, Manifest.fileName) } catch let e as InputError
            where e.problem.hasPrefix("lacks")
        {
            throw InputError(
                file: path, problem: "is not a finished covgap run (no \(Manifest.fileName))",
                hint: "run covgap analyze first")
        }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw InputError(file: manifestPath, problem: "cannot be read", hint: "check the folder's permissions")
        }
        do { return try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw InputError(
                file: manifestPath, problem: "cannot be read (\(error))",
                hint: "re-run covgap analyze with this version of covgap")
        }
    }

    /// The communes layer, ordered by id; ids must run 1, 2, … with no gap (communes.tif holds them) and codes be
    /// unique.
    private static func communes(_ l: RunLayer) throws -> ([Commune], [Geometry]) {
        let id = try l.number("commune_id")
        let f = try ["commune_code", "commune_name", "province_code", "province_name"].map { try l.text($0) }
        var rows: [(Commune, Geometry)] = []
        var n = 0
        while let feature = l.layer.nextFeature() {
            n += 1
            rows.append(
                (
                    Commune(
                        id: Int(feature.double(id) ?? 0), code: feature.string(f[0]) ?? "",
                        name: feature.string(f[1]) ?? "",
                        provinceCode: feature.string(f[2]) ?? "", provinceName: feature.string(f[3]) ?? ""),
                    try l.polygon(of: feature, number: n)
                ))
        }
        rows.sort { $0.0.id < $1.0.id }
        if let gap = rows.enumerated().first(where: { $0.element.0.id != $0.offset + 1 }) {
            throw InputError(
                file: l.file, location: "layer communes",
                problem: "commune ids do not run 1…\(rows.count) (\(gap.offset + 1) is missing or repeated)",
                hint: RunFolderChecks.rerun)
        }
        var seen = Set<String>()
        if let dup = rows.first(where: { !seen.insert($0.0.code).inserted }) {
            throw InputError(
                file: l.file, location: "layer communes", problem: "commune code '\(dup.0.code)' appears twice",
                hint: RunFolderChecks.rerun)
        }
        return (rows.map(\.0), rows.map(\.1))
    }

    private static func deadZones(_ l: RunLayer, carriers: [String]) throws -> [RunDeadZone] {
        let t = try ["id", "technology", "commune_code"].map { try l.text($0) }
        let v = try ["population", "area_km2", "centroid_lon", "centroid_lat"].map { try l.number($0) }
        let nearest = try carriers.map { ($0, try l.optionalNumber("nearest_km_\($0)")) }
        var zones: [RunDeadZone] = []
        var n = 0
        while let feature = l.layer.nextFeature() {
            n += 1
            var zone = RunDeadZone(
                id: feature.string(t[0]) ?? "", technology: feature.string(t[1]) ?? "",
                communeCode: feature.string(t[2]) ?? "",
                population: Int(exactly: (feature.double(v[0]) ?? 0).rounded()) ?? 0,
                areaKm2: feature.double(v[1]) ?? 0,
                lon: feature.double(v[2]) ?? 0, lat: feature.double(v[3]) ?? 0,
                polygon: try l.polygon(of: feature, number: n))
            for (c, i) in nearest { if let i, let d = feature.double(i) { zone.nearestKm[c] = d } }
            zones.append(zone)
        }
        return zones
    }

    private static func villages(_ l: RunLayer) throws -> [RunVillage] {
        let t = try ["village_code", "village_name", "commune_code"].map { try l.text($0) }
        let households = try l.number("households")
        let lon = try l.number("lon")
        let lat = try l.number("lat")
        let classes = TechnologyScope.allCases.compactMap { s in
            l.optionalText("class_\(s.rawValue)").map { (s.rawValue, $0) }
        }
        let carriers = TechnologyScope.allCases.compactMap { s in
            l.optionalText("carriers_\(s.rawValue)").map { (s.rawValue, $0) }
        }
        let power = l.optionalText("has_grid_power")
        let difficult = l.optionalText("especially_difficult_area")
        var villages: [RunVillage] = []
        while let feature = l.layer.nextFeature() {
            var village = RunVillage(
                code: feature.string(t[0]) ?? "", name: feature.string(t[1]) ?? "",
                communeCode: feature.string(t[2]) ?? "",
                households: feature.double(households).flatMap { Int(exactly: $0.rounded()) },
                lon: feature.double(lon) ?? 0, lat: feature.double(lat) ?? 0,
                classes: Dictionary(
                    uniqueKeysWithValues: classes.compactMap { s, i in feature.string(i).map { (s, $0) } }))
            for (s, i) in carriers {
                village.carriers[s] = (feature.string(i) ?? "").split(separator: ";").map(String.init)
            }
            func flag(_ i: Int?) -> Bool? {
                i.flatMap { feature.string($0) }.flatMap { $0 == "yes" ? true : $0 == "no" ? false : nil }
            }
            village.hasGridPower = flag(power)
            village.especiallyDifficultArea = flag(difficult)
            villages.append(village)
        }
        return villages
    }
}
