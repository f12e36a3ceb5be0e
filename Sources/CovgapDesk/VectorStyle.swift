import CovgapSupport

/// A symbol QGIS draws a feature with. Colours are "r,g,b,a" (0–255), sizes in millimetres.
public enum Symbol: Sendable {
    case fill(color: String, outline: String, width: Double)
    case line(color: String, width: Double)
    /// A point marker: `shape` is QGIS's simple marker name (circle, square, triangle, diamond, star).
    case marker(shape: String, color: String, size: Double, outline: String)

    /// QGIS's `<symbol>` element, numbered `name` within its renderer.
    func xml(name: String) -> String {
        let (type, layerClass, options): (String, String, [(String, String)])
        switch self {
        case .fill(let color, let outline, let width):
            (type, layerClass, options) = (
                "fill", "SimpleFill",
                [
                    ("color", color), ("style", color.hasSuffix(",0") ? "no" : "solid"), ("outline_color", outline),
                    ("outline_style", "solid"), ("outline_width", "\(width)"), ("outline_width_unit", "MM"),
                    ("joinstyle", "bevel"),
                ]
            )
        case .line(let color, let width):
            (type, layerClass, options) = (
                "line", "SimpleLine",
                [
                    ("line_color", color), ("line_style", "solid"), ("line_width", "\(width)"),
                    ("line_width_unit", "MM"), ("capstyle", "round"), ("joinstyle", "round"),
                ]
            )
        case .marker(let shape, let color, let size, let outline):
            (type, layerClass, options) = (
                "marker", "SimpleMarker",
                [
                    ("name", shape), ("color", color), ("size", "\(size)"), ("size_unit", "MM"),
                    ("outline_color", outline), ("outline_style", "solid"), ("outline_width", "0.3"),
                    ("outline_width_unit", "MM"),
                ]
            )
        }
        let body = options.map { "            <Option name=\"\($0.0)\" type=\"QString\" value=\"\($0.1)\"/>" }
        return """
                  <symbol name="\(name)" type="\(type)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="\(layerClass)" enabled="1" locked="0" pass="0">
                      <Option type="Map">
            \(body.joined(separator: "\n"))
                      </Option>
                    </layer>
                  </symbol>
            """
    }

    /// QGIS's geometry type number for the symbol's layers: 0 points, 1 lines, 2 polygons.
    var geometryType: Int {
        switch self {
        case .marker: 0
        case .line: 1
        case .fill: 2
        }
    }
}

/// A QGIS vector layer style (`.qml`, also stored as a GeoPackage's default `layer_styles` row): how the features are
/// drawn, one symbol or one per value of a field, and each field's name as a person reads it (an alias).
public struct VectorStyle: Sendable {
    /// One class of a categorized style: features whose field equals `value`, drawn with `symbol`, called `label`.
    public struct Category: Sendable {
        public let value: String, label: String, symbol: Symbol
        public init(value: String, label: String, symbol: Symbol) {
            self.value = value
            self.label = label
            self.symbol = symbol
        }
    }

    public enum Renderer: Sendable {
        case single(Symbol)
        case categorized(field: String, [Category])
    }

    public let renderer: Renderer
    /// Field name → the name QGIS shows in the attribute table and the identify panel.
    public let aliases: [(field: String, alias: String)]
    public let opacity: Double

    public init(renderer: Renderer, aliases: [(field: String, alias: String)] = [], opacity: Double = 1) {
        self.renderer = renderer
        self.aliases = aliases
        self.opacity = opacity
    }

    /// The style's elements, as a `.qml` holds them and a project's `<maplayer>` embeds them.
    public var body: String {
        let rendererXML: String, geometry: Int
        switch renderer {
        case .single(let symbol):
            geometry = symbol.geometryType
            rendererXML = """
                  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
                    <symbols>
                \(symbol.xml(name: "0"))
                    </symbols>
                  </renderer-v2>
                """
        case .categorized(let field, let categories):
            geometry = categories.first?.symbol.geometryType ?? 0
            let rows = categories.enumerated().map { i, c in
                "      <category render=\"true\" symbol=\"\(i)\" value=\"\(HTML.escape(c.value))\" "
                    + "label=\"\(HTML.escape(c.label))\"/>"
            }
            let symbols = categories.enumerated().map { i, c in c.symbol.xml(name: "\(i)") }
            rendererXML = """
                  <renderer-v2 type="categorizedSymbol" attr="\(HTML.escape(field))" symbollevels="0" \
                enableorderby="0" forceraster="0">
                    <categories>
                \(rows.joined(separator: "\n"))
                    </categories>
                    <symbols>
                \(symbols.joined(separator: "\n"))
                    </symbols>
                  </renderer-v2>
                """
        }
        let aliasXML = aliases.enumerated().map { i, a in
            "    <alias index=\"\(i)\" field=\"\(HTML.escape(a.field))\" name=\"\(HTML.escape(a.alias))\"/>"
        }
        return """
            \(rendererXML)
              <layerOpacity>\(opacity)</layerOpacity>
              <aliases>
            \(aliasXML.joined(separator: "\n"))
              </aliases>
              <layerGeometryType>\(geometry)</layerGeometryType>
            """
    }

    /// The `.qml` document (QGIS 3.22's format).
    public var qml: String { QGISXML.styleDocument(body) }

    /// QGIS's name of the geometry the style draws: Point, Line or Polygon.
    public var geometryName: String {
        let symbol: Symbol? =
            switch renderer {
            case .single(let s): s
            case .categorized(_, let c): c.first?.symbol
            }
        return ["Point", "Line", "Polygon"][symbol?.geometryType ?? 0]
    }
}
