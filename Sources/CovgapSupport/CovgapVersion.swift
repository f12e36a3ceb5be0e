/// covgap's release version.
public enum CovgapVersion {
    public static let string = "0.1.0"
}
