/// Numbers as people read them: Vietnamese groups thousands with "." and writes the decimal comma (1.671,60); English
/// writes 1,671.60.
public enum NumberText {
    /// `v` rounded half away from zero to `decimals` places, grouped by thousands.
    public static func format(_ v: Double, decimals: Int = 0, vietnamese: Bool) -> String {
        let scaled = (abs(v) * pow10(decimals)).rounded()
        let whole = Int(scaled / pow10(decimals)), frac = Int(scaled) - whole * Int(pow10(decimals))
        var digits = String(whole), grouped = ""
        while digits.count > 3 {
            grouped = (vietnamese ? "." : ",") + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        let fraction =
            decimals > 0
            ? (vietnamese ? "," : ".") + String(repeating: "0", count: decimals - String(frac).count) + String(frac)
            : ""
        return (v < 0 && scaled > 0 ? "-" : "") + grouped + fraction
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { a, _ in a * 10 } }
}
