import CovgapSupport
import Foundation
import Yams

/// Reads a covgap YAML config: every key checked, defaults from DOMAIN.md filled in, paths resolved against the file's
/// folder.
public enum ConfigLoader {
    /// Loads and validates the config at `path`; throws `InputError` naming the line and key at fault.
    public static func load(path: String) throws -> CovgapConfig {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(
                file: path, problem: "config file not found", hint: "give the path of a covgap YAML config")
        }
        guard !isDir.boolValue else { throw InputError(file: path, problem: "is a folder, not a config file") }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw InputError(file: path, problem: "cannot be read as UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses config text as if read from `path` (relative paths resolve against its folder).
    public static func parse(_ text: String, path: String) throws -> CovgapConfig {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw InputError(file: path, problem: "is not valid YAML: \(error)")
        }
        guard let root else {
            throw InputError(file: path, problem: "is empty", hint: "see the configuration section of the README")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") || p.contains(":") && !p.hasPrefix(".")
                ? p : base.appendingPathComponent(p).standardizedFileURL.path
        }

        let doc = try YAMLSection(root, file: path, path: "")
        try doc.rejectUnknownKeys([
            "output", "boundaries", "coverage", "population", "villages", "grid", "dead_zones", "sites", "sharing",
            "workorders", "carrier_names",
        ])

        let boundaries = try boundarySection(try doc.requiredSection("boundaries"), resolve: resolve)
        let coverage = try coverageList(doc, resolve: resolve)
        var population: PopulationInput?
        if let p = try doc.section("population") {
            try p.rejectUnknownKeys(["path", "band"])
            population = PopulationInput(path: resolve(try p.requiredString("path")), band: try p.int("band") ?? 1)
        }
        let villages = try doc.section("villages").map { try villageSection($0, resolve: resolve) }
        let grid = try gridSection(try doc.section("grid"), doc: doc)
        let dz = try doc.section("dead_zones")
        try dz?.rejectUnknownKeys(["min_area_km2"])
        let minArea = try dz?.double("min_area_km2") ?? 0.05
        guard minArea >= 0 else {
            throw doc.fail("dead_zones.min_area_km2", dz?.node("min_area_km2"), "minimum area cannot be negative")
        }
        let sites = try doc.section("sites").map { try siteSection($0, resolve: resolve) }
        let sharing = try sharingSection(
            try doc.section("sharing"), carriers: coverage.map(\.carrier),
            technologies: Set(coverage.map(\.technology)), resolve: resolve)
        let workOrders = try workOrderSection(
            try doc.section("workorders"), carriers: coverage.map(\.carrier),
            technologies: Set(coverage.map(\.technology)))
        let output = resolve(try doc.requiredString("output"))
        var config = CovgapConfig(
            configPath: path, output: output, boundaries: boundaries, coverage: coverage, population: population,
            villages: villages,
            grid: grid, minDeadZoneAreaKm2: minArea, sites: sites, sharing: sharing, workOrders: workOrders)
        if let names = try doc.section("carrier_names") {
            let carriers = config.carriers
            try names.rejectUnknownKeys(carriers)
            var map: [String: String] = [:]
            for c in carriers { map[c] = try names.string(c) }
            config.carrierNames = map
        }
        return config
    }

    /// The `boundaries` section: the layer and the names of its fields (defaults: the shared 2025 layer's).
    private static func boundarySection(_ b: YAMLSection, resolve: (String) -> String) throws -> BoundaryInput {
        try b.rejectUnknownKeys([
            "path", "layer", "commune_code", "commune_name", "province_code", "province_name", "provinces",
            "commune_kind",
        ])
        return BoundaryInput(
            path: resolve(try b.requiredString("path")), layer: try b.string("layer"),
            communeCodeField: try b.string("commune_code") ?? "code",
            communeNameField: try b.string("commune_name") ?? "name",
            provinceCodeField: try b.string("province_code") ?? "provinceCode",
            provinceNameField: try b.string("province_name") ?? "provinceName",
            provinces: try b.stringList("provinces"),
            communeKindField: try b.string("commune_kind"))
    }

    /// The `coverage` list: at least one layer, one per carrier and technology, at most `maxCarriers` carriers.
    private static func coverageList(_ doc: YAMLSection, resolve: (String) -> String) throws -> [CoverageInput] {
        guard let layers = try doc.sequence("coverage"), !layers.isEmpty else {
            throw doc.fail(
                "coverage", nil, "missing or empty 'coverage' list",
                hint: "add one entry per carrier and technology raster")
        }
        var coverage: [CoverageInput] = []
        for (i, node) in layers.enumerated() {
            coverage.append(
                try coverageEntry(YAMLSection(node, file: doc.file, path: "coverage[\(i)]"), resolve: resolve))
        }
        var seen = Set<String>()
        for (i, c) in coverage.enumerated() where !seen.insert("\(c.carrier)/\(c.technology.rawValue)").inserted {
            throw InputError(
                file: doc.file, location: "key 'coverage[\(i)]'",
                problem: "carrier '\(c.carrier)' has two \(c.technology.rawValue) layers",
                hint: "keep one layer per carrier and technology")
        }
        let carrierCount = Set(coverage.map(\.carrier)).count
        guard carrierCount <= CoverageBits.maxCarriers else {
            throw doc.fail(
                "coverage", nil,
                "\(carrierCount) carriers are configured; covgap handles at most \(CoverageBits.maxCarriers) in one "
                    + "run",
                hint: "split the carriers into separate runs")
        }
        return coverage
    }

    /// The `grid` section, each value checked against its range.
    private static func gridSection(_ g: YAMLSection?, doc: YAMLSection) throws -> GridSettings {
        try g?.rejectUnknownKeys(["resolution_m", "crs", "tile_size", "max_cells", "warp_error_px", "margin_km"])
        let grid = GridSettings(
            resolutionMetres: try g?.double("resolution_m") ?? 100, crs: try g?.string("crs") ?? "auto",
            tileSize: try g?.int("tile_size") ?? 512,
            warpErrorPixels: try g?.double("warp_error_px") ?? 0.125,
            maxCells: try g?.int("max_cells") ?? 2_000_000_000,
            marginKm: try g?.double("margin_km") ?? GridSettings.defaultMarginKm)
        guard (1...100_000).contains(grid.resolutionMetres) else {
            throw doc.fail(
                "grid.resolution_m", g?.node("resolution_m"), "resolution must be from 1 m to 100 km", hint: "e.g. 100")
        }
        guard (16...8192).contains(grid.tileSize), grid.tileSize % 16 == 0 else {
            throw doc.fail(
                "grid.tile_size", g?.node("tile_size"), "tile size must be a multiple of 16 from 16 to 8192 cells")
        }
        guard (0...1000).contains(grid.marginKm) else {
            throw doc.fail(
                "grid.margin_km", g?.node("margin_km"), "the margin must be from 0 to 1000 km",
                hint: "e.g. 10 (the default)")
        }
        guard grid.warpErrorPixels >= 0 else {
            throw doc.fail("grid.warp_error_px", g?.node("warp_error_px"), "the warp error cannot be negative")
        }
        return grid
    }

    private static func villageSection(_ v: YAMLSection, resolve: (String) -> String) throws -> VillageInput {
        let fieldKeys = [
            "code", "name", "commune_code", "households", "has_grid_power", "especially_difficult_area", "lon", "lat",
        ]
        try v.rejectUnknownKeys(["path", "layer", "weak_share", "weak_radius_m"] + fieldKeys)
        let share = try v.double("weak_share") ?? 0.2
        guard share > 0, share <= 1 else {
            throw v.fail("weak_share", v.node("weak_share"), "weak_share must be above 0 and at most 1 (e.g. 0.2)")
        }
        let radius = try v.double("weak_radius_m") ?? 500
        guard radius > 0 else {
            throw v.fail("weak_radius_m", v.node("weak_radius_m"), "weak_radius_m must be positive")
        }
        return VillageInput(
            path: resolve(try v.requiredString("path")), layer: try v.string("layer"),
            codeField: try v.string("code") ?? "village_code", nameField: try v.string("name") ?? "village_name",
            communeCodeField: try v.string("commune_code") ?? "commune_code",
            householdsField: try v.string("households") ?? "households",
            gridPowerField: try v.string("has_grid_power") ?? "has_grid_power",
            difficultAreaField: try v.string("especially_difficult_area") ?? "especially_difficult_area",
            lonField: try v.string("lon") ?? "lon", latField: try v.string("lat") ?? "lat",
            explicitKeys: try fieldKeys.filter { try v.string($0) != nil }, weakShare: share, weakRadiusMetres: radius)
    }

    private static func coverageEntry(_ s: YAMLSection, resolve: (String) -> String) throws -> CoverageInput {
        try s.rejectUnknownKeys([
            "carrier", "technology", "path", "band", "values", "threshold_dbm", "nodata", "resampling", "unit_check",
        ])
        let carrier = try s.requiredString("carrier")
        guard carrier.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw s.fail(
                "carrier", s.node("carrier"), "carrier id '\(carrier)' may hold only letters, digits, '-' and '_'",
                hint: "it becomes part of column names such as covered_km2_\(carrier)")
        }
        guard let tech = try s.enumValue("technology", Technology.self, allowed: ["3G", "4G"]) else {
            throw s.fail("technology", nil, "missing required key 'technology' (3G or 4G)")
        }
        let threshold = try s.double("threshold_dbm")
        guard let values = try s.enumValue("values", CoverageValueKind.self, allowed: ["rsrp_dbm", "rscp_dbm", "mask"])
        else {
            throw s.fail(
                "values", nil,
                threshold == nil
                    ? "missing required key 'values'"
                    : "a threshold_dbm is given but not what the values are",
                hint: "say values: rsrp_dbm (4G), rscp_dbm (3G) or mask (non-zero = covered)")
        }
        if values == .mask, threshold != nil {
            throw s.fail(
                "threshold_dbm", s.node("threshold_dbm"), "a mask layer takes no threshold",
                hint: "remove threshold_dbm or set values to a dBm kind")
        }
        if (values == .rsrpDbm && tech == .threeG) || (values == .rscpDbm && tech == .fourG) {
            throw s.fail(
                "values", s.node("values"), "\(values.rawValue) does not describe a \(tech.rawValue) layer",
                hint: "4G layers carry rsrp_dbm, 3G layers rscp_dbm")
        }
        if let t = threshold, !(-160.0 ... -20.0).contains(t) {
            throw s.fail(
                "threshold_dbm", s.node("threshold_dbm"), "threshold \(t) dBm is outside −160…−20 dBm",
                hint: "signal thresholds are negative dBm, e.g. -105")
        }
        let band = try s.int("band") ?? 1
        guard band >= 1 else { throw s.fail("band", s.node("band"), "band numbers start at 1") }
        return CoverageInput(
            carrier: carrier, technology: tech, path: resolve(try s.requiredString("path")), band: band,
            values: values, thresholdDbm: values == .mask ? nil : (threshold ?? tech.defaultThresholdDbm),
            noData: try s.enumValue("nodata", NoDataMeaning.self, allowed: ["uncovered", "unknown"]) ?? .uncovered,
            resampling: try s.string("resampling") ?? "near",
            unitCheck: try s.enumValue("unit_check", UnitCheckAction.self, allowed: ["refuse", "warn"]) ?? .refuse)
    }
}
