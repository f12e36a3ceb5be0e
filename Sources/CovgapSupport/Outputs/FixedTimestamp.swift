/// The "last change" time covgap writes into every GeoPackage (its contents table and its layer styles): 1 July
/// 2025, when the two-level administrative units took effect. A fixed time keeps reruns byte-identical.
public enum FixedTimestamp {
    public static let geoPackage = "2025-07-01T00:00:00.000Z"
}
