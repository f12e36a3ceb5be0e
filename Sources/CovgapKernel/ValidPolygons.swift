import GDALBridge

/// Makes polygonize's output valid by GEOS. Eight-connected polygonize draws cells that touch only at a corner as a
/// ring that passes that corner twice (a self-touching ring, invalid under OGC rules, refused by QGIS's overlay tools
/// and outside RFC 7946); GEOS make-valid redraws such a polygon as valid parts that cover the same cells.
enum ValidPolygons {
    /// `polygon` itself when no ring shares a vertex (then it is valid), else its valid repair (polygons only).
    static func repaired(_ polygon: Geometry) throws -> Geometry {
        guard polygon.hasSharedVertex, !polygon.isValid else { return polygon }
        return try polygon.madeValid().polygonalPart()
    }
}
