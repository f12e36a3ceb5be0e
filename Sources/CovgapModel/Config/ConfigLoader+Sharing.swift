import Foundation

/// The `sites` and `sharing` sections: site inventory, partial not-spots, co-location, shared masts, undergrounding.
extension ConfigLoader {
    static func siteSection(_ s: YAMLSection, resolve: (String) -> String) throws -> SiteInventoryInput {
        let fieldKeys = ["id", "carrier", "lon", "lat", "height_m", "technologies", "shareable"]
        try s.rejectUnknownKeys(["path", "layer"] + fieldKeys)
        return SiteInventoryInput(
            path: resolve(try s.requiredString("path")), layer: try s.string("layer"),
            idField: try s.string("id") ?? "site_id", carrierField: try s.string("carrier") ?? "carrier",
            lonField: try s.string("lon") ?? "lon", latField: try s.string("lat") ?? "lat",
            heightField: try s.string("height_m") ?? "height_m",
            technologiesField: try s.string("technologies") ?? "technologies",
            shareableField: try s.string("shareable") ?? "shareable",
            explicitKeys: try fieldKeys.filter { try s.string($0) != nil })
    }

    static func sharingSection(
        _ s: YAMLSection?, carriers: [String], technologies: Set<Technology>,
        resolve: (String) -> String
    ) throws -> SharingSettings {
        var out = SharingSettings.defaults
        guard let s else { return out }
        try s.rejectUnknownKeys(["partial_notspots", "colocation", "shared_sites", "undergrounding", "terrain"])
        if let p = try s.section("partial_notspots") {
            try p.rejectUnknownKeys(["min_area_km2", "colocate_radius_km"])
            out.partial.enabled = true
            out.partial.minAreaKm2 = try p.double("min_area_km2") ?? out.partial.minAreaKm2
            out.partial.colocateRadiusKm = try p.double("colocate_radius_km") ?? out.partial.colocateRadiusKm
            guard out.partial.minAreaKm2 >= 0 else {
                throw p.fail("min_area_km2", p.node("min_area_km2"), "minimum area cannot be negative")
            }
            guard out.partial.colocateRadiusKm >= 0 else {
                throw p.fail(
                    "colocate_radius_km", p.node("colocate_radius_km"), "the search radius cannot be negative",
                    hint: "e.g. 2")
            }
        }
        if let c = try s.section("colocation") {
            try c.rejectUnknownKeys(["ward_distance_m", "other_distance_m"])
            out.colocation.wardDistanceMetres = try c.double("ward_distance_m") ?? out.colocation.wardDistanceMetres
            out.colocation.otherDistanceMetres = try c.double("other_distance_m") ?? out.colocation.otherDistanceMetres
            for key in ["ward_distance_m", "other_distance_m"] {
                let v =
                    key == "ward_distance_m" ? out.colocation.wardDistanceMetres : out.colocation.otherDistanceMetres
                guard v > 0, v <= 5000 else {
                    throw c.fail(key, c.node(key), "a cluster distance must be above 0 and at most 5,000 m")
                }
            }
        }
        if let m = try s.section("shared_sites") {
            out.sharedSites = try sharedSiteSection(m, technologies: technologies)
            if let a = try m.section("access") {
                out.sharedSites?.access = try accessSection(a, resolve: resolve)
            }
        }
        if let u = try s.section("undergrounding") {
            out.undergrounding = try undergroundingSection(u, resolve: resolve)
        }
        if let t = try s.section("terrain") {
            out.terrain = try terrainSection(t, resolve: resolve)
        }
        return out
    }

    /// The `sharing.shared_sites.access` section: the lines masts must stand near.
    private static func accessSection(_ a: YAMLSection, resolve: (String) -> String) throws -> AccessInput {
        try a.rejectUnknownKeys(["path", "layer", "within_m"])
        let input = AccessInput(
            path: resolve(try a.requiredString("path")), layer: try a.string("layer"),
            withinMetres: try a.double("within_m") ?? 1000)
        guard input.withinMetres > 0, input.withinMetres <= 50_000 else {
            throw a.fail("within_m", a.node("within_m"), "the distance must be above 0 and at most 50,000 m")
        }
        return input
    }

    /// The `sharing.terrain` section: the DEM masts are planned on.
    private static func terrainSection(_ t: YAMLSection, resolve: (String) -> String) throws -> TerrainInput {
        try t.rejectUnknownKeys(["dem", "k_factor", "range_km"])
        let input = TerrainInput(
            demPath: resolve(try t.requiredString("dem")), kFactor: try t.double("k_factor") ?? 4.0 / 3.0,
            rangeKm: try t.double("range_km") ?? 15)
        guard input.kFactor > 0, input.kFactor.isFinite else {
            throw t.fail(
                "k_factor", t.node("k_factor"), "the Earth radius factor must be positive", hint: "e.g. 1.3333")
        }
        guard input.rangeKm > 0, input.rangeKm <= 100 else {
            throw t.fail(
                "range_km", t.node("range_km"), "the range must be above 0 and at most 100 km", hint: "e.g. 15")
        }
        return input
    }

    private static func sharedSiteSection(_ m: YAMLSection, technologies: Set<Technology>) throws -> SharedSiteSettings
    {
        try m.rejectUnknownKeys([
            "technology", "lattice_m", "height_m", "radius_km", "environment", "min_people", "target_share",
            "max_sites", "demand_cell_m", "access",
        ])
        let preferred: Technology = technologies.contains(.fourG) ? .fourG : .threeG
        let tech = try m.enumValue("technology", Technology.self, allowed: ["3G", "4G"]) ?? preferred
        guard technologies.contains(tech) else {
            throw m.fail(
                "technology", m.node("technology"),
                "no coverage layer is \(tech.rawValue), so it has no dead zones to close",
                hint: "use a technology the coverage list has")
        }
        let settings = SharedSiteSettings(
            technology: tech, latticeMetres: try m.double("lattice_m") ?? 500,
            heightMetres: try m.double("height_m") ?? 30,
            radiusKm: try m.double("radius_km"),
            environment: try m.enumValue(
                "environment", PropagationModel.Environment.self, allowed: ["rural", "suburban", "urban"]) ?? .rural,
            minPeople: try m.double("min_people") ?? 100, targetShare: try m.double("target_share") ?? 0.95,
            maxSites: try m.int("max_sites") ?? 100, demandCellMetres: try m.double("demand_cell_m"))
        guard settings.latticeMetres >= 10 else {
            throw m.fail(
                "lattice_m", m.node("lattice_m"), "the lattice spacing must be at least 10 m", hint: "e.g. 500")
        }
        guard (1...300).contains(settings.heightMetres) else {
            throw m.fail("height_m", m.node("height_m"), "mast height must be from 1 to 300 m")
        }
        if let r = settings.radiusKm, !(r > 0 && r <= 100) {
            throw m.fail(
                "radius_km", m.node("radius_km"), "the radius must be above 0 and at most 100 km",
                hint: "or leave it out to use the propagation model")
        }
        guard settings.minPeople >= 0 else {
            throw m.fail("min_people", m.node("min_people"), "min_people cannot be negative")
        }
        guard settings.targetShare > 0, settings.targetShare <= 1 else {
            throw m.fail(
                "target_share", m.node("target_share"), "target_share must be above 0 and at most 1 (e.g. 0.95)")
        }
        guard (1...100_000).contains(settings.maxSites) else {
            throw m.fail("max_sites", m.node("max_sites"), "max_sites must be from 1 to 100,000")
        }
        if let d = settings.demandCellMetres, d <= 0 {
            throw m.fail("demand_cell_m", m.node("demand_cell_m"), "the demand cell must be positive")
        }
        return settings
    }

    private static func undergroundingSection(
        _ u: YAMLSection, resolve: (String) -> String
    ) throws -> UndergroundingInput {
        try u.rejectUnknownKeys([
            "path", "layer", "owner", "placement", "road_name", "road_class", "main_road_classes", "corridor_m",
            "duct_distance_m",
        ])
        let input = UndergroundingInput(
            path: resolve(try u.requiredString("path")), layer: try u.string("layer"),
            ownerField: try u.string("owner") ?? "owner", placementField: try u.string("placement") ?? "placement",
            roadNameField: try u.string("road_name") ?? "road_name",
            roadClassField: try u.string("road_class") ?? "road_class",
            mainRoadClasses: try u.stringList("main_road_classes") ?? ["national", "provincial", "urban_main"],
            corridorMetres: try u.double("corridor_m") ?? 20, ductDistanceMetres: try u.double("duct_distance_m") ?? 100
        )
        guard input.corridorMetres > 0, input.corridorMetres <= 1000 else {
            throw u.fail(
                "corridor_m", u.node("corridor_m"), "the corridor width must be above 0 and at most 1,000 m",
                hint: "e.g. 20")
        }
        guard input.ductDistanceMetres >= 0, input.ductDistanceMetres <= 10_000 else {
            throw u.fail(
                "duct_distance_m", u.node("duct_distance_m"), "the duct distance must be from 0 to 10,000 m",
                hint: "e.g. 100")
        }
        return input
    }
}

/// The `workorders` section.
extension ConfigLoader {
    static func workOrderSection(
        _ w: YAMLSection?, carriers: [String], technologies: Set<Technology>
    ) throws -> WorkOrderSettings {
        var out = WorkOrderSettings.defaults
        guard let w else { return out }
        try w.rejectUnknownKeys([
            "technologies", "min_people", "min_area_km2", "village_classes", "shares", "share_tolerance",
            "cost_factors", "no_coverage_km", "extend_km", "deadline", "default_funding", "colocate_radius_km",
            "people_per_household",
        ])
        if let list = try w.stringList("technologies") {
            out.technologies = try list.map { raw in
                guard let t = Technology(rawValue: raw.uppercased()), technologies.contains(t) else {
                    throw w.fail(
                        "technologies", w.node("technologies"), "'\(raw)' is not a technology of the coverage list",
                        hint: "use \(technologies.map(\.rawValue).sorted().joined(separator: " or "))")
                }
                return t
            }
        } else {
            out.technologies = technologies.contains(.fourG) ? [.fourG] : [.threeG]
        }
        out.minPeople = try w.double("min_people") ?? out.minPeople
        out.minAreaKm2 = try w.double("min_area_km2") ?? out.minAreaKm2
        if let classes = try w.stringList("village_classes") {
            for c in classes where !["white", "weak"].contains(c) {
                throw w.fail(
                    "village_classes", w.node("village_classes"), "'\(c)' is not a village class that needs an order",
                    hint: "use white and/or weak")
            }
            out.villageClasses = classes
        }
        for (key, target) in [("shares", \WorkOrderSettings.shares), ("cost_factors", \WorkOrderSettings.costFactors)] {
            guard let s = try w.section(key) else { continue }
            try s.rejectUnknownKeys(carriers)
            var values: [String: Double] = [:]
            for c in carriers {
                if let v = try s.double(c) {
                    guard v >= 0 else { throw s.fail(c, s.node(c), "\(key) cannot be negative") }
                    values[c] = v
                }
            }
            out[keyPath: target] = values
        }
        if !out.shares.isEmpty, out.shares.values.reduce(0, +) <= 0 {
            throw w.fail(
                "shares", w.node("shares"), "the shares add up to 0",
                hint: "give each carrier a positive share, e.g. by market share")
        }
        out.shareTolerance = try w.double("share_tolerance") ?? out.shareTolerance
        guard out.shareTolerance >= 0 else {
            throw w.fail("share_tolerance", w.node("share_tolerance"), "the tolerance cannot be negative")
        }
        out.noCoverageKm = try w.double("no_coverage_km") ?? out.noCoverageKm
        out.extendKm = try w.double("extend_km") ?? out.extendKm
        out.colocateRadiusKm = try w.double("colocate_radius_km") ?? out.colocateRadiusKm
        out.peoplePerHousehold = try w.double("people_per_household") ?? out.peoplePerHousehold
        for (key, v) in [
            ("no_coverage_km", out.noCoverageKm), ("extend_km", out.extendKm),
            ("colocate_radius_km", out.colocateRadiusKm),
            ("min_people", out.minPeople), ("min_area_km2", out.minAreaKm2),
            ("people_per_household", out.peoplePerHousehold),
        ] where v < 0 {
            throw w.fail(key, w.node(key), "\(key) cannot be negative")
        }
        if let d = try w.string("deadline") {
            guard d.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
                throw w.fail(
                    "deadline", w.node("deadline"), "deadline '\(d)' is not an ISO date", hint: "e.g. 2026-12-31")
            }
            out.deadline = d
        }
        if let f = try w.string("default_funding") {
            guard let route = FundingRoute(rawValue: f) else {
                throw w.fail(
                    "default_funding", w.node("default_funding"), "'\(f)' is not a funding route",
                    hint: "use public_fund, carrier or power_first")
            }
            out.defaultFunding = route
        }
        return out
    }
}
