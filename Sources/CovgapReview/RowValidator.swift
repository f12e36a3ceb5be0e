import CovgapAnalysis
import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge

/// Checks submission rows against the run: fields, coordinates (in Vietnam, not swapped), province and commune
/// membership within the tolerance, technology, and duplicates of earlier accepted rows.
struct RowValidator {
    /// Mainland and islands, lon/lat (the 2025 boundaries' bounding box).
    static let vietnam = (minLon: 102.14, maxLon: 117.83, minLat: 7.18, maxLat: 23.40)

    let run: RunFolder
    let province: String
    let settings: ReviewSettings
    private let toGrid: CoordinateTransform
    private let communeIDs: RasterBand
    private let byCode: [String: Commune]
    private var seenNames: [String: Int] = [:]
    private var seenPoints = SpatialIndex<(row: Int, tech: String, x: Double, y: Double)>(cell: 100)

    /// A row that passed, with its place in the grid CRS.
    struct Accepted {
        let row: SubmissionRow
        let technology: Technology
        let commune: Commune
        let located: Commune?
        let lon: Double, lat: Double, x: Double, y: Double
    }

    init(run: RunFolder, province: String, settings: ReviewSettings) throws {
        self.run = run
        self.province = province
        self.settings = settings
        toGrid = try CoordinateTransform(from: .wgs84(), to: run.gridCRS)
        communeIDs = try RasterDataset.open(run.communesRasterPath).band(1)
        byCode = Dictionary(uniqueKeysWithValues: run.communes.map { ($0.code, $0) })
    }

    /// A date as YYYY-MM-DD from "YYYY-MM-DD" or the Vietnamese "DD/MM/YYYY" (`CalendarDay`); nil when it is
    /// neither, not a real day, or outside 2000–2100 (no review reports a dead zone from another century).
    static func isoDate(_ text: String) -> String? {
        guard let d = CalendarDay(parsing: text), (2000...2100).contains(d.year) else { return nil }
        return d.description
    }

    static func inVietnam(_ lon: Double, _ lat: Double) -> Bool {
        (vietnam.minLon...vietnam.maxLon).contains(lon) && (vietnam.minLat...vietnam.maxLat).contains(lat)
    }

    /// The commune whose cells hold (x, y) in the grid, nil outside every commune.
    private func locate(x: Double, y: Double) -> Commune? {
        guard let (c, r) = run.grid.cell(x: x, y: y),
            let id = try? communeIDs.read(PixelWindow(column: c, row: r, width: 1, height: 1), as: UInt32.self).first,
            id > 0,
            Int(id) <= run.communes.count
        else { return nil }
        return run.communes[Int(id) - 1]
    }

    private func distance(x: Double, y: Double, to commune: Commune) -> Double {
        run.communePolygons[commune.id - 1].distance(to: Geometry(pointX: x, y: y))
    }

    /// A row's fate.
    enum Outcome {
        case accepted(Accepted)
        case rejected(RejectedRow)
    }

    /// Where a row's point lies: lon/lat, grid x/y, and the commune of the run holding it (nil outside them all).
    typealias Place = (lon: Double, lat: Double, x: Double, y: Double, located: Commune?)

    /// Accepts the row or returns every reason it fails.
    mutating func check(_ r: SubmissionRow) -> Outcome {
        var reasons = fieldReasons(r)
        let tech = Technology(rawValue: r.technology.uppercased())
        let code = NameKey.code(r.communeCode, width: 5)
        let named = byCode[code]
        if !code.isEmpty, named == nil || named?.provinceCode != province {
            reasons.append(
                .init(
                    .unknownCommuneCode,
                    "commune_code \(code) is not a commune of province \(province) since 1 July 2025 (an old code?)",
                    vi: "mã xã \(code) không thuộc tỉnh \(province) từ ngày 1/7/2025 (mã cũ?)"))
        }
        let place = locate(r, named: named, reasons: &reasons)
        guard reasons.isEmpty, let tech, let named, let place else {
            return .rejected(RejectedRow(row: r, reasons: reasons))
        }
        if let duplicate = duplicateReason(r, tech: tech, commune: named, place: place) {
            return .rejected(RejectedRow(row: r, reasons: [duplicate]))
        }
        seenNames["\(named.code)|\(NameKey.of(r.villageName))|\(tech.rawValue)"] = r.row
        seenPoints.insert((r.row, tech.rawValue, place.x, place.y), x: place.x, y: place.y)
        return .accepted(
            Accepted(
                row: r, technology: tech, commune: named, located: place.located, lon: place.lon, lat: place.lat,
                x: place.x, y: place.y))
    }

    /// What is wrong with the row's own fields: missing ones, the technology, `reported`, the date, the province.
    private func fieldReasons(_ r: SubmissionRow) -> [RejectionReason] {
        var reasons: [RejectionReason] = []
        for (name, value) in zip(
            SubmissionColumns.required, [r.provinceCode, r.communeCode, r.villageName, r.technology, r.reported])
        where value.isEmpty { reasons.append(.init(.missingField, "missing \(name)", vi: "thiếu cột \(name)")) }
        let tech = Technology(rawValue: r.technology.uppercased())
        if !r.technology.isEmpty, tech == nil {
            reasons.append(
                .init(
                    .unknownTechnology, "unknown technology '\(r.technology)' (use 3G or 4G)",
                    vi: "công nghệ '\(r.technology)' không hợp lệ (dùng 3G hoặc 4G)"))
        }
        if let tech,
            !run.scopes.layerBits.indices.contains(where: {
                TechnologyScope.allCases[$0].rawValue == tech.rawValue && run.scopes.layerBits[$0] != 0
            })
        {
            reasons.append(
                .init(
                    .noCoverageForTechnology, "the run has no \(tech.rawValue) coverage to check it against",
                    vi: "lần chạy không có dữ liệu phủ sóng \(tech.rawValue) để đối chiếu"))
        }
        if !r.reported.isEmpty, !["white", "weak"].contains(r.reported.lowercased()) {
            reasons.append(
                .init(
                    .badReported, "reported '\(r.reported)' is not white or weak",
                    vi: "tình trạng '\(r.reported)' không phải white (trắng sóng) hoặc weak (sóng yếu)"))
        }
        if !r.reportedOn.isEmpty, RowValidator.isoDate(r.reportedOn) == nil {
            reasons.append(
                .init(
                    .badDate, "reported_on '\(r.reportedOn)' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                    vi: "ngày báo cáo '\(r.reportedOn)' không đúng dạng ngày (YYYY-MM-DD hoặc DD/MM/YYYY)"))
        }
        let rowProvince = NameKey.code(r.provinceCode, width: 2)
        if !rowProvince.isEmpty, rowProvince != province {
            reasons.append(
                .init(
                    .otherProvince, "province_code \(rowProvince) is not the province under review (\(province))",
                    vi: "mã tỉnh \(rowProvince) không phải tỉnh đang rà soát (\(province))"))
        }
        return reasons
    }

    /// The row's point, checked: numbers, inside Vietnam (or swapped), inside the province and within tolerance of
    /// the commune it names. Nil when it cannot be placed; the reasons say why.
    private func locate(_ r: SubmissionRow, named: Commune?, reasons: inout [RejectionReason]) -> Place? {
        if r.lonText.isEmpty || r.latText.isEmpty {
            reasons.append(
                .init(.missingCoordinates, "missing coordinates (lon, lat)", vi: "thiếu tọa độ (lon, lat)"))
            return nil
        }
        guard let lon = Double(r.lonText), let lat = Double(r.latText), lon.isFinite, lat.isFinite else {
            reasons.append(
                .init(
                    .badCoordinates, "coordinates '\(r.lonText)', '\(r.latText)' are not numbers",
                    vi: "tọa độ '\(r.lonText)', '\(r.latText)' không phải là số"))
            return nil
        }
        guard RowValidator.inVietnam(lon, lat) else {
            reasons.append(
                RowValidator.inVietnam(lat, lon)
                    ? .init(
                        .swappedCoordinates, "lon and lat look swapped (lon \(r.lonText), lat \(r.latText))",
                        vi: "kinh độ và vĩ độ có vẻ bị đảo (lon \(r.lonText), lat \(r.latText))")
                    : .init(
                        .outsideVietnam, "coordinates (\(r.lonText), \(r.latText)) are outside Vietnam",
                        vi: "tọa độ (\(r.lonText), \(r.latText)) nằm ngoài Việt Nam"))
            return nil
        }
        guard let p = toGrid.transform(x: lon, y: lat) else { return nil }
        let located = locate(x: p.x, y: p.y)
        // Distance to the named commune's polygon only when the point is not in it (full-resolution polygons are
        // costly).
        let inNamed = named != nil && located?.id == named?.id
        let nearNamed =
            inNamed || (named.map { distance(x: p.x, y: p.y, to: $0) <= settings.communeToleranceMetres } ?? false)
        if located?.provinceCode != province, !nearNamed {
            let whereItIs =
                located.map { " (it lies in \($0.name), \($0.code), province \($0.provinceCode))" }
                ?? " (nor in any commune of this run)"
            let whereVi =
                located.map { " (điểm nằm ở \($0.name), \($0.code), tỉnh \($0.provinceCode))" }
                ?? " (cũng không thuộc xã nào của lần chạy)"
            reasons.append(
                .init(
                    .outsideProvince, "the point is not inside province \(province)\(whereItIs)",
                    vi: "điểm không nằm trong tỉnh \(province)\(whereVi)"))
        } else if let named, let located, located.id != named.id, !nearNamed {
            let d = distance(x: p.x, y: p.y, to: named)
            reasons.append(
                .init(
                    .wrongCommune,
                    "the point lies in commune \(located.code) \(located.name), \(Int(d.rounded())) m "
                        + "from commune \(named.code) (tolerance \(Int(settings.communeToleranceMetres)) m)",
                    vi: "điểm nằm ở xã \(located.code) \(located.name), cách xã \(named.code) "
                        + "\(Int(d.rounded())) m (cho phép \(Int(settings.communeToleranceMetres)) m)"))
        }
        return (lon, lat, p.x, p.y, located)
    }

    /// Why the row repeats an earlier accepted one (same village and technology, or a point too close), if it does.
    private func duplicateReason(
        _ r: SubmissionRow, tech: Technology, commune: Commune, place: Place
    ) -> RejectionReason? {
        if let first = seenNames["\(commune.code)|\(NameKey.of(r.villageName))|\(tech.rawValue)"] {
            return .init(
                .duplicate, "duplicate of row \(first) (same village and technology)",
                vi: "trùng với dòng \(first) (cùng thôn và công nghệ)")
        }
        let d = settings.duplicateMetres
        guard
            let close = seenPoints.near(x: place.x, y: place.y, radius: d)
                .first(where: { $0.tech == tech.rawValue && hypot($0.x - place.x, $0.y - place.y) < d })
        else { return nil }
        let apart = Int(hypot(close.x - place.x, close.y - place.y).rounded())
        return .init(
            .duplicate, "duplicate of row \(close.row) (points \(apart) m apart, same technology)",
            vi: "trùng với dòng \(close.row) (hai điểm cách nhau \(apart) m, cùng công nghệ)")
    }
}
