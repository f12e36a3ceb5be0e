import CovgapSupport

/// A QGIS project (`.qgs`) that opens a run folder as a styled map: its layers by Vietnamese name, top first, each
/// with its style embedded, paths relative to the project so the folder can be moved or sent as a whole, and the map
/// zoomed to the area in the run's own CRS. The bytes depend only on the run (no dates, no random ids).
public struct QGISProject: Sendable {
    /// One layer of the project.
    public struct Layer: Sendable {
        public enum Style: Sendable {
            case vector(VectorStyle)
            case raster(PalettedStyle)
        }

        /// A stable id (letters, digits and underscores), unique within the project. QGIS renames a layer whose id
        /// equals a table name of its own GeoPackage ("communes"), so the project writes it as `covgap_<id>`.
        public let id: String
        /// The name in the layer panel.
        public let name: String
        /// The data source relative to the project: "./coverage.gpkg|layername=dead_zones|subset=…".
        public let source: String
        public let style: Style
        /// Ticked (drawn) when the project opens.
        public let visible: Bool
        /// The layer's CRS when it is not the project's (GeoJSON is lon/lat): WKT and name.
        public let crs: (wkt: String, name: String, authid: String)?

        public init(
            id: String, name: String, source: String, style: Style, visible: Bool = true,
            crs: (wkt: String, name: String, authid: String)? = nil
        ) {
            self.id = id
            self.name = name
            self.source = source
            self.style = style
            self.visible = visible
            self.crs = crs
        }

        var provider: String {
            if case .raster = style { return "gdal" }
            return "ogr"
        }
    }

    public let title: String
    public let crsWKT: String, crsName: String
    /// The extent the map opens on, in the project CRS.
    public let extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)
    /// Top of the layer panel first (drawn last).
    public let layers: [Layer]

    public init(
        title: String, crsWKT: String, crsName: String,
        extent: (minX: Double, minY: Double, maxX: Double, maxY: Double),
        layers: [Layer]
    ) {
        self.title = title
        self.crsWKT = crsWKT
        self.crsName = crsName
        self.extent = extent
        self.layers = layers
    }

    /// The `.qgs` document.
    public var qgs: String {
        let projectSRS = QGISXML.spatialRefSys(wkt: crsWKT, name: crsName)
        let tree = layers.map { l in
            "    <layer-tree-layer id=\"covgap_\(l.id)\" name=\"\(HTML.escape(l.name))\" "
                + "source=\"\(HTML.escape(l.source))\" "
                + "providerKey=\"\(l.provider)\" checked=\"Qt::\(l.visible ? "Checked" : "Unchecked")\" "
                + "expanded=\"\(l.visible ? 1 : 0)\"/>"
        }
        let e = extent
        let box = "<xmin>\(e.minX)</xmin><ymin>\(e.minY)</ymin><xmax>\(e.maxX)</xmax><ymax>\(e.maxY)</ymax>"
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.22.0" projectname="\(HTML.escape(title))">
              <homePath path=""/>
              <title>\(HTML.escape(title))</title>
              <projectCrs>
            \(projectSRS)
              </projectCrs>
              <layer-tree-group>
            \(tree.joined(separator: "\n"))
              </layer-tree-group>
              <mapcanvas name="theMapCanvas" annotationsVisible="1">
                <units>meters</units>
                <extent>\(box)</extent>
                <rotation>0</rotation>
                <destinationsrs>
            \(projectSRS)
                </destinationsrs>
              </mapcanvas>
              <projectlayers>
            \(layers.map(mapLayer).joined(separator: "\n"))
              </projectlayers>
              <layerorder>
            \(layers.map { "    <layer id=\"covgap_\($0.id)\"/>" }.joined(separator: "\n"))
              </layerorder>
              <properties>
                <Paths>
                  <Absolute type="bool">false</Absolute>
                </Paths>
                <SpatialRefSys>
                  <ProjectionsEnabled type="int">1</ProjectionsEnabled>
                </SpatialRefSys>
              </properties>
            </qgis>

            """
    }

    private func mapLayer(_ l: Layer) -> String {
        let srs =
            l.crs.map { QGISXML.spatialRefSys(wkt: $0.wkt, name: $0.name, authid: $0.authid) }
            ?? QGISXML.spatialRefSys(wkt: crsWKT, name: crsName)
        let (open, body): (String, String)
        switch l.style {
        case .vector(let style):
            open =
                "<maplayer type=\"vector\" geometry=\"\(style.geometryName)\" styleCategories=\"AllStyleCategories\">"
            body = style.body
        case .raster(let style):
            open = "<maplayer type=\"raster\" styleCategories=\"AllStyleCategories\">"
            body = style.body
        }
        return """
            \(open)
              <id>covgap_\(l.id)</id>
              <datasource>\(HTML.escape(l.source))</datasource>
              <layername>\(HTML.escape(l.name))</layername>
              <srs>
            \(srs)
              </srs>
              <provider encoding="UTF-8">\(l.provider)</provider>
            \(body)
            </maplayer>
            """
    }
}
