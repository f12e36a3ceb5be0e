import Foundation

/// A day of the Gregorian calendar, written YYYY-MM-DD: the one parser for every date a user gives (review rows,
/// carriers' on-air days, `as_of`), so that what is a real day is decided in one place.
public struct CalendarDay: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A real day (1 ≤ year ≤ 9999, the month's own length, 29 February in leap years only), nil otherwise.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDay.length(ofMonth: month, year: year)).contains(day)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Reads "YYYY-MM-DD" or the Vietnamese "DD/MM/YYYY" (months and days of one or two digits); nil for anything
    /// else, including digits that are not ASCII and days that do not exist.
    public init?(parsing text: String) {
        let slashed = text.contains("/")
        let fields = text.split(separator: slashed ? "/" : "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isASCII) }) else {
            return nil
        }
        let numbers = fields.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        let (y, m, d) = slashed ? (numbers[2], numbers[1], numbers[0]) : (numbers[0], numbers[1], numbers[2])
        guard (slashed ? fields[2] : fields[0]).count == 4 else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Reads exactly "YYYY-MM-DD" (the form APIs take): nil for any other spelling of a day.
    public init?(iso text: String) {
        guard let d = CalendarDay(parsing: text), d.description == text else { return nil }
        self = d
    }

    /// Today at a fixed offset from UTC (Vietnam keeps UTC+7 all year).
    public static func today(utcOffsetSeconds: Int = 7 * 3600, now: Date = Date()) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: utcOffsetSeconds)!
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The day a run is dated: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) when set,
    /// so a rerun can be dated like the first; otherwise today in Vietnam.
    public static func runDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> CalendarDay {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Double(text) {
            return today(now: Date(timeIntervalSince1970: seconds))
        }
        return today()
    }

    /// 1…4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    public var description: String {
        let pad = { (n: Int, width: Int) in String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func length(ofMonth m: Int, year y: Int) -> Int {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
}
