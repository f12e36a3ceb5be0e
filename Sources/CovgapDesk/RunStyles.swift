import CovgapModel

/// The style of each vector layer a run writes: how it is drawn and what its fields are called. One place, so the
/// GeoPackage's default styles, the `.qml` files beside the GeoJSONs and the QGIS project agree.
public enum RunStyles {
    /// Commune outlines, not filled, so the coverage under them shows.
    public static func communes(fields: [String]) -> VectorStyle {
        VectorStyle(renderer: .single(.fill(color: "0,0,0,0", outline: "50,50,50,255", width: 0.35)), fields: fields)
    }

    /// Dead zones: the red of "no carrier", a darker edge.
    public static func deadZones(fields: [String]) -> VectorStyle {
        VectorStyle(
            renderer: .single(.fill(color: "200,30,45,190", outline: "110,0,10,255", width: 0.2)), fields: fields)
    }

    /// Partial not-spots, by remedy: co-location on a covering carrier's site, or roaming.
    public static func partialNotspots(fields: [String]) -> VectorStyle {
        VectorStyle(
            renderer: .categorized(
                field: "remedy",
                [
                    .init(
                        value: "colocate", label: "Dùng chung trạm (co-locate)",
                        symbol: .fill(color: "240,180,41,170", outline: "150,100,0,255", width: 0.15)),
                    .init(
                        value: "roaming", label: "Chuyển vùng (roaming)",
                        symbol: .fill(color: "120,90,200,150", outline: "60,40,120,255", width: 0.15)),
                ]),
            fields: fields)
    }

    /// Villages by their class for `technology`: white red, weak amber, covered green, outside grey.
    public static func villages(fields: [String], technology: String) -> VectorStyle {
        let marker = { (color: String, size: Double) in
            Symbol.marker(shape: "circle", color: color, size: size, outline: "255,255,255,255")
        }
        return VectorStyle(
            renderer: .categorized(
                field: "class_\(technology)",
                [
                    .init(
                        value: "white", label: "Thôn trắng sóng \(technology) (white)",
                        symbol: marker("200,30,45,255", 3)),
                    .init(
                        value: "weak", label: "Thôn sóng yếu \(technology) (weak)",
                        symbol: marker("240,150,20,255", 2.6)),
                    .init(
                        value: "covered", label: "Thôn có sóng \(technology) (covered)",
                        symbol: marker("46,139,87,255", 1.6)),
                    .init(value: "outside", label: "Ngoài các xã (outside)", symbol: marker("150,150,150,255", 1.6)),
                ]),
            fields: fields)
    }

    /// Proposed shared masts: purple triangles.
    public static func sharedSites(fields: [String]) -> VectorStyle {
        VectorStyle(
            renderer: .single(
                .marker(shape: "triangle", color: "110,40,160,255", size: 3.6, outline: "255,255,255,255")),
            fields: fields)
    }

    /// Co-location clusters: teal squares.
    public static func colocationClusters(fields: [String]) -> VectorStyle {
        VectorStyle(
            renderer: .single(.marker(shape: "square", color: "0,128,128,255", size: 2.8, outline: "255,255,255,255")),
            fields: fields)
    }

    /// Work orders at their points, by what the carrier is to do: a new site, an extension, co-location or roaming.
    public static func workOrderPoints(fields: [String]) -> VectorStyle {
        let marker = { (shape: String, rgb: String) in
            Symbol.marker(shape: shape, color: rgb + ",255", size: 3, outline: "255,255,255,255")
        }
        return VectorStyle(
            renderer: .categorized(
                field: "action",
                [
                    ("new_site", marker("triangle", "200,30,45")), ("extend", marker("circle", "240,150,20")),
                    ("colocate", marker("square", "0,128,128")), ("roaming", marker("diamond", "110,40,160")),
                ].map {
                    .init(value: $0.0, label: WorkOrderWords.words($0.0, in: WorkOrderWords.actions), symbol: $0.1)
                }),
            fields: fields)
    }

    /// Work orders' dead-zone areas: red, outlined.
    public static func workOrderAreas(fields: [String]) -> VectorStyle {
        VectorStyle(
            renderer: .single(.fill(color: "200,30,45,120", outline: "110,0,10,255", width: 0.3)), fields: fields)
    }

    /// Undergrounding corridors: thick blue lines.
    public static func undergroundCorridors(fields: [String]) -> VectorStyle {
        VectorStyle(renderer: .single(.line(color: "30,90,200,255", width: 0.9)), fields: fields)
    }
}

extension VectorStyle {
    /// A style whose aliases are the glossary's Vietnamese names of `fields` (those it knows).
    init(renderer: Renderer, fields: [String], opacity: Double = 1) {
        let aliases = fields.compactMap { f in FieldGlossary.entry(f).map { (field: f, alias: $0.vi) } }
        self.init(renderer: renderer, aliases: aliases, opacity: opacity)
    }
}
