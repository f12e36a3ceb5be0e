import CovgapModel
import CovgapSupport

/// The report's language: Vietnamese (default) or English; words and number formats.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case vi, en

    /// A number with `decimals` places: Vietnamese writes 1.671,60, English 1,671.60.
    func number(_ v: Double, decimals: Int = 0) -> String {
        NumberText.format(v, decimals: decimals, vietnamese: self == .vi)
    }

    /// The run's date and quarter: "Lập ngày 04/12/2026 · quý IV/2026", "Made on 2026-12-04 · Q4 2026".
    func dated(_ day: CalendarDay) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if self == .vi {
            let roman = ["I", "II", "III", "IV"][day.quarter - 1]
            return "Lập ngày \(two(day.day))/\(two(day.month))/\(day.year) · quý \(roman)/\(day.year)"
        }
        return "Made on \(day) · Q\(day.quarter) \(day.year)"
    }

    /// A technology's name in headings and labels: 3G, 4G, and ANY in words.
    func scope(_ scope: TechnologyScope) -> String {
        guard scope == .any else { return scope.rawValue }
        return self == .vi ? "mọi công nghệ" : "any technology"
    }

    /// The phrase for `key` in this language.
    func t(_ key: Key) -> String { self == .vi ? key.vi : key.en }

    /// Every phrase the report uses.
    enum Key {
        case title, synthetic, headline, peopleWithout, areaWithout, technology, people, area, map, legendAll,
            legendPartial
        case legendNone, legendUnknown, communeOutline, chart, worst, zones, commune, province, pctPeopleCovered,
            deadZones
        case whiteVillages, weakVillages, zone, centroid, carrierCoverage, carrier, pctAreaCovered, sortHint, scale
        case villages, village, households, villageClass, white, weak, communeCount

        var vi: String {
            switch self {
            case .title: return "Báo cáo vùng lõm sóng"
            case .synthetic:
                return "Dữ liệu vùng phủ trong bản demo là dữ liệu mô phỏng, "
                    + "không phải vùng phủ thật của nhà mạng."
            case .headline: return "Số liệu chính"
            case .peopleWithout: return "Người dân không có sóng"
            case .areaWithout: return "Diện tích không có sóng (km²)"
            case .technology: return "Công nghệ"
            case .people: return "Dân số"
            case .area: return "Diện tích (km²)"
            case .map: return "Bản đồ vùng phủ"
            case .legendAll: return "Mọi nhà mạng phủ sóng"
            case .legendPartial: return "Chỉ một số nhà mạng phủ sóng"
            case .legendNone: return "Vùng lõm sóng (không nhà mạng nào)"
            case .legendUnknown: return "Chưa xác định"
            case .communeOutline: return "Ranh giới xã, phường"
            case .chart: return "Tỷ lệ dân số được phủ sóng theo xã"
            case .worst: return "Các xã nhiều người không có sóng nhất"
            case .zones: return "Các vùng lõm sóng lớn nhất"
            case .commune: return "Xã, phường"
            case .communeCount: return "xã, phường"
            case .province: return "Tỉnh"
            case .pctPeopleCovered: return "% dân số có sóng"
            case .deadZones: return "Số vùng lõm"
            case .whiteVillages: return "Thôn trắng sóng"
            case .weakVillages: return "Thôn lõm sóng"
            case .zone: return "Mã vùng"
            case .centroid: return "Tâm (kinh độ, vĩ độ)"
            case .carrierCoverage: return "Vùng phủ theo nhà mạng"
            case .carrier: return "Nhà mạng"
            case .pctAreaCovered: return "% diện tích có sóng"
            case .sortHint: return "Bấm vào tiêu đề cột để sắp xếp."
            case .scale: return "km"
            case .villages: return "Thôn, bản trắng sóng và lõm sóng"
            case .village: return "Thôn, bản"
            case .households: return "Số hộ"
            case .villageClass: return "Tình trạng"
            case .white: return "trắng sóng"
            case .weak: return "lõm sóng"
            }
        }

        var en: String {
            switch self {
            case .title: return "Coverage gap report"
            case .synthetic: return "The demo's coverage is simulated, not any carrier's real coverage."
            case .headline: return "Headline figures"
            case .peopleWithout: return "People without signal"
            case .areaWithout: return "Area without signal (km²)"
            case .technology: return "Technology"
            case .people: return "Population"
            case .area: return "Area (km²)"
            case .map: return "Coverage map"
            case .legendAll: return "Every carrier covers"
            case .legendPartial: return "Some carriers cover (partial not-spot)"
            case .legendNone: return "Dead zone (no carrier)"
            case .legendUnknown: return "Unknown"
            case .communeOutline: return "Commune and ward boundaries"
            case .chart: return "Share of people covered, by commune"
            case .worst: return "Communes with the most people without signal"
            case .zones: return "Largest dead zones"
            case .commune: return "Commune"
            case .communeCount: return "communes and wards"
            case .province: return "Province"
            case .pctPeopleCovered: return "% people covered"
            case .deadZones: return "Dead zones"
            case .whiteVillages: return "White villages"
            case .weakVillages: return "Weak villages"
            case .zone: return "Zone"
            case .centroid: return "Centre (lon, lat)"
            case .carrierCoverage: return "Coverage by carrier"
            case .carrier: return "Carrier"
            case .pctAreaCovered: return "% area covered"
            case .sortHint: return "Click a column heading to sort."
            case .scale: return "km"
            case .villages: return "White and weak villages"
            case .village: return "Village"
            case .households: return "Households"
            case .villageClass: return "Status"
            case .white: return "white (no signal at the centre)"
            case .weak: return "weak (gaps around the centre)"
            }
        }
    }
}
