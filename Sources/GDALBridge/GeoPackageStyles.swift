extension VectorDataset {
    /// A layer's default style as QGIS stores it in a GeoPackage.
    public struct LayerStyle: Sendable {
        public let layer: String, name: String, qml: String
        public init(layer: String, name: String, qml: String) {
            self.layer = layer
            self.name = name
            self.qml = qml
        }
    }

    /// Writes `styles` into this GeoPackage's `layer_styles` table (QGIS's own schema, registered as an attributes
    /// table), each as its layer's default, dated `timestamp` so reruns are byte-identical. QGIS then opens every
    /// layer styled, whoever adds it and however.
    public func storeLayerStyles(_ styles: [LayerStyle], timestamp: String) throws {
        let q = { (s: String) in
            "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
        try execute(
            "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
                + "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
                + "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
                + "update_time DATETIME)")
        try execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, last_change) "
                + "VALUES ('layer_styles', 'attributes', 'layer_styles', \(q(timestamp)))")
        for s in styles {
            let column =
                try queryText(
                    "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = \(q(s.layer))") ?? "geom"
            try execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                    + "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES "
                    + "('', '', \(q(s.layer)), \(q(column)), \(q(s.name)), \(q(s.qml)), '', 1, "
                    + "\(q("covgap: " + s.name)), 'covgap', '', \(q(timestamp)))")
        }
    }
}
