import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// What the checks make of a coverage layer's values before a run (the same for `analyze` and `inspect`): a refusal,
/// warnings to show, and the scaling the kernel must apply.
///
/// The rules, on the values as GDAL means them (raw × scale + offset):
/// - no valid cell where the grid reaches: refused (whatever `unit_check` says);
/// - dBm layers: any value above +30 dBm or below −200 dBm, or at least `strongShareLimit` of the valid cells above
///   −15 dBm, means another unit, a missing scale or an undeclared fill value: refused; fewer above −15 dBm: a
///   warning with their count, share and first location;
/// - mask layers: mostly values between −160 and −20 look like dBm levels (each would count as covered): refused;
/// - `unit_check: warn` turns these refusals into warnings;
/// - no value reaching the threshold (or no non-zero value of a mask): a warning.
public struct LayerVerdict: Sendable {
    /// Above −15 dBm in at least this share of the valid cells is a unit problem; below it, the strays are warned of.
    public static let strongShareLimit = 0.001

    public var refusal: InputError?
    public var warnings: [String] = []
    public var scaling: ValueScaling

    /// Surveys `layer` in `ds` over the grid's reach (the whole raster when `whole`) and judges it.
    public static func judge(
        _ ds: RasterDataset, layer: CoverageInput, grid: AnalysisGrid, gridCRS: SpatialReference,
        whole: Bool = false
    ) throws -> LayerVerdict {
        let band = try ds.band(layer.band)
        var verdict = LayerVerdict(scaling: ValueScaling(band))
        guard let window = try LayerSurvey.window(of: ds, covering: grid.envelope, gridCRS: gridCRS, whole: whole)
        else {
            verdict.refusal = InputError(
                file: layer.path, location: "band \(layer.band)", problem: "the raster does not reach the communes",
                hint: "check that it covers the selected provinces and that its CRS is right")
            return verdict
        }
        let survey = try LayerSurvey.survey(
            ds, band: layer.band, window: window, thresholdDbm: layer.thresholdDbm, userPath: layer.path)
        let finder = Finder(layer: layer, survey: survey, ds: ds, scaling: verdict.scaling)
        if survey.valid == 0 {
            verdict.refusal = finder.empty(noData: band.noDataValue)
            return verdict
        }
        var refusals = layer.values == .mask ? finder.maskProblems() : finder.unitProblems()
        verdict.warnings += layer.values == .mask ? [] : finder.strayWarnings()
        if layer.unitCheck == .warn {
            verdict.warnings += refusals.map { "\($0) (kept: unit_check is warn)" }
            refusals = []
        }
        verdict.refusal = refusals.first
        verdict.warnings += finder.coversNothing()
        return verdict
    }
}

/// Words each finding of a survey in the user's terms.
private struct Finder {
    let layer: CoverageInput
    let survey: LayerSurvey
    let ds: RasterDataset
    let scaling: ValueScaling

    private var quantity: String { layer.values == .rscpDbm ? "RSCP" : "RSRP" }
    private var vouch: String { "; if you have checked the layer and its values are right, set unit_check: warn on it" }

    private func refusal(_ problem: String, _ hint: String) -> InputError {
        let scaled = scaling.isIdentity ? "" : " (after the band's \(scaling.text))"
        return InputError(file: layer.path, location: "band \(layer.band)", problem: problem + scaled, hint: hint)
    }

    func empty(noData: Double?) -> InputError {
        InputError(
            file: layer.path, location: "band \(layer.band)",
            problem: "no cell holds a value where the communes are: all \(survey.cells) cells read there are nodata"
                + (noData.map { " (\(Self.number($0)))" } ?? ""),
            hint:
                "check the band, the nodata value and that the raster covers these communes; leave out a carrier that "
                + "has no layer here"
        )
    }

    func unitProblems() -> [InputError] {
        var out: [InputError] = []
        let s = survey
        if s.impossiblyStrong > 0 {
            out.append(
                refusal(
                    "\(s.impossiblyStrong) cells are above +30 dBm (up to \(Self.number(s.maximum))), but \(quantity) "
                        + "in dBm stays below −15",
                    "check the unit (dBm, not dBµV or mW)" + vouch))
        }
        if s.impossiblyWeak > 0 {
            let tenths = Double(s.tenthsLike) >= 0.5 * Double(s.valid)
            out.append(
                refusal(
                    "\(s.impossiblyWeak) cells are below −200 dBm (down to \(Self.number(s.minimum)))",
                    tenths
                        ? "the values look like tenths of a dBm stored without their scale: declare it (gdal_edit.py "
                            + "-scale 0.1 \(layer.path))"
                            + vouch
                        : "if \(Self.number(s.minimum)) marks cells outside the prediction, declare it as nodata "
                            + "(gdal_edit.py -a_nodata \(Self.number(s.minimum)) \(layer.path))"
                            + vouch))
        }
        if Double(s.strong) >= LayerVerdict.strongShareLimit * Double(s.valid) {
            let zeroFill = s.zeros * 2 >= s.strong
            out.append(
                refusal(
                    "\(s.strong) of \(s.valid) cells (\(Self.percent(s.strong, s.valid))) reach above −15 dBm (up to "
                        + "\(Self.number(s.maximum))), but \(quantity) in dBm stays below −15",
                    zeroFill
                        ? "if 0 marks cells outside the prediction, declare it as nodata (gdal_edit.py -a_nodata 0 "
                            + "\(layer.path))"
                            + vouch
                        : "check the unit (dBm, not mW or dBµV)" + vouch))
        }
        return out
    }

    func strayWarnings() -> [String] {
        let s = survey
        guard s.strong > 0, Double(s.strong) < LayerVerdict.strongShareLimit * Double(s.valid), s.impossiblyStrong == 0
        else { return [] }
        return [
            "\(layer.path), band \(layer.band): \(s.strong) of \(s.valid) cells (\(Self.percent(s.strong, s.valid))) "
                + "are above −15 dBm (up to \(Self.number(s.maximum)) dBm)"
                + "\(location()); they count as covered (planning tools extrapolate next to masts)"
        ]
    }

    func maskProblems() -> [InputError] {
        let s = survey
        guard Double(s.dbmLike) >= 0.5 * Double(s.valid) else { return [] }
        return [
            refusal(
                "\(Self.percent(s.dbmLike, s.valid)) of the cells hold values between −160 and −20, like signal "
                    + "levels in dBm, but the layer is declared values: mask, where every non-zero value counts as "
                    + "covered",
                "declare values: \(layer.technology == .threeG ? "rscp_dbm" : "rsrp_dbm") (and threshold_dbm if not "
                    + "the default)"
                    + vouch)
        ]
    }

    func coversNothing() -> [String] {
        let s = survey
        let none = layer.values == .mask ? s.nonZero == 0 : s.covered == 0
        guard none else { return [] }
        let rule =
            layer.values == .mask
            ? "no cell is non-zero"
            : "no cell reaches \(Self.number(layer.thresholdDbm ?? 0)) dBm (best \(Self.number(s.maximum)))"
        return [
            "\(layer.path), band \(layer.band): \(rule) where the communes are: \(layer.carrier) covers nothing there "
                + "in \(layer.technology.rawValue)"
        ]
    }

    /// ", first at 103.1234° E, 21.5678° N (column c, row r)" for the first out-of-range cell.
    private func location() -> String {
        guard let at = survey.firstOutOfRange, let gt = ds.geoTransform else { return "" }
        let p = gt.apply(column: Double(at.column) + 0.5, row: Double(at.row) + 0.5)
        let cell = "column \(at.column), row \(at.row)"
        guard let srs = ds.spatialReference, let t = try? CoordinateTransform(from: srs, to: .wgs84()),
            let ll = t.transform(x: p.x, y: p.y)
        else { return ", first at \(cell)" }
        return ", first at " + String(format: "%.5f° E, %.5f° N", ll.x, ll.y) + " (\(cell))"
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.4g", v)
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        let p = 100 * Double(part) / Double(max(whole, 1))
        return p >= 1 ? String(format: "%.1f%%", p) : String(format: "%.4f%%", p)
    }
}
