import CovgapSupport

/// The pieces of QGIS's XML formats that styles and projects share.
enum QGISXML {
    /// A `.qml` document around a style's elements.
    static func styleDocument(_ body: String) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.22.0" styleCategories="AllStyleCategories">
        \(body)
        </qgis>

        """
    }

    /// A `<spatialrefsys>` holding a CRS by its WKT (which QGIS reads first) and its name.
    static func spatialRefSys(wkt: String, name: String, authid: String = "") -> String {
        """
        <spatialrefsys>
          <wkt>\(HTML.escape(wkt))</wkt>
          <authid>\(authid)</authid>
          <description>\(HTML.escape(name))</description>
        </spatialrefsys>
        """
    }
}
