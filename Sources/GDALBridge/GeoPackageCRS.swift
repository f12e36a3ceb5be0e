import CGDAL

extension VectorDataset {
    /// Stores `srs` as WKT2 for the layer `layer` of this GeoPackage, in `gpkg_spatial_ref_sys.definition_12_063` (the
    /// OGC CRS WKT extension), which GDAL and QGIS read before the WKT1 `definition`. GDAL 3.6 writes only WKT1 for a
    /// CRS WKT1 can express, and WKT1 cannot carry everything (e.g. a conversion's name), so without this the layer's
    /// CRS reads back unlike the same CRS in a GeoTIFF, and QGIS counts two CRSs.
    public func storeWKT2(_ srs: SpatialReference, forLayer layer: String) throws {
        let hasColumn =
            try queryInteger(
                "SELECT COUNT(*) FROM pragma_table_info('gpkg_spatial_ref_sys') WHERE name = 'definition_12_063'")
            > 0
        if !hasColumn {
            try execute(
                "ALTER TABLE gpkg_spatial_ref_sys ADD COLUMN definition_12_063 TEXT NOT NULL DEFAULT 'undefined'")
        }
        try execute(
            "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                + "VALUES ('gpkg_spatial_ref_sys', 'definition_12_063', 'gpkg_crs_wkt', "
                + "'http://www.geopackage.org/spec120/#extension_crs_wkt', 'read-write')")
        let wkt = srs.wkt.replacingAll("'", with: "''"), name = layer.replacingAll("'", with: "''")
        try execute(
            "UPDATE gpkg_spatial_ref_sys SET definition_12_063 = '\(wkt)' WHERE srs_id = "
                + "(SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = '\(name)')")
    }

    /// Runs one SQL statement that returns no rows.
    func execute(_ sql: String) throws {
        GDALRuntime.resetError()
        let result = GDALDatasetExecuteSQL(handle, sql, nil, nil)
        if let result { GDALDatasetReleaseResultSet(handle, result) }
        if CPLGetLastErrorType() == CE_Failure {
            throw GDALRuntime.takeError("running '\(sql.prefix(80))' on '\(path)'")
        }
    }

    /// The first column of the first row a query returns, as text; nil when it returns no row.
    func queryText(_ sql: String) throws -> String? {
        GDALRuntime.resetError()
        guard let result = GDALDatasetExecuteSQL(handle, sql, nil, nil) else {
            throw GDALRuntime.takeError("running '\(sql.prefix(80))' on '\(path)'")
        }
        defer { GDALDatasetReleaseResultSet(handle, result) }
        guard let feature = OGR_L_GetNextFeature(result) else { return nil }
        defer { OGR_F_Destroy(feature) }
        return OGR_F_GetFieldAsString(feature, 0).map { String(cString: $0) }
    }

    /// The first column of the first row a query returns.
    func queryInteger(_ sql: String) throws -> Int {
        GDALRuntime.resetError()
        guard let result = GDALDatasetExecuteSQL(handle, sql, nil, nil) else {
            throw GDALRuntime.takeError("running '\(sql.prefix(80))' on '\(path)'")
        }
        defer { GDALDatasetReleaseResultSet(handle, result) }
        guard let feature = OGR_L_GetNextFeature(result) else { return 0 }
        defer { OGR_F_Destroy(feature) }
        return Int(OGR_F_GetFieldAsInteger64(feature, 0))
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
