import Foundation

/// A carrier's report on a work order, as posted: `in_progress`; `on_air` with the day it went on air and an optional
/// measurement object (e.g. `{"rsrp_dbm": -97}`); `disputed` with a reason.
struct StatusChange: Codable, Sendable {
    let status: String
    let date: String?
    let measurement: [String: Double]?
    let reason: String?

    /// Refuses an unknown status, an `on_air` without a valid past-or-today date, a `disputed` without a reason.
    func validate(today: String = ServeDatabase.today()) throws {
        guard IntakeService.settableStatuses.contains(status) else {
            throw IntakeError.bad("status '\(status)' is not one of \(IntakeService.settableStatuses.joined(separator: ", "))")
        }
        if status == "on_air" {
            guard let d = date, StatusChange.isDay(d) else { throw IntakeError.bad("on_air needs \"date\": the day it went on air, YYYY-MM-DD") }
            guard d <= today else { throw IntakeError.bad("on_air date \(d) is in the future") }
        } else if date != nil {
            throw IntakeError.bad("only on_air takes a date")
        }
        if status == "disputed" {
            guard let r = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !r.isEmpty else {
                throw IntakeError.bad("disputed needs \"reason\": why the carrier disputes the order")
            }
        }
        if let r = reason, r.count > 2000 { throw IntakeError.bad("reason is longer than 2000 characters") }
        if measurement != nil, status != "on_air" { throw IntakeError.bad("only on_air takes a measurement") }
        if let m = measurement, m.values.contains(where: { !$0.isFinite }) || m.count > 20 {
            throw IntakeError.bad("measurement must be an object of at most 20 finite numbers")
        }
    }

    /// The measurement as stored (sorted JSON), or nil.
    func measurementText() throws -> String? {
        guard let m = measurement else { return nil }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(m), as: UTF8.self)
    }

    /// Whether `s` is a real calendar day written YYYY-MM-DD.
    static func isDay(_ s: String) -> Bool {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard s.count == 10, let d = f.date(from: s) else { return false }
        return f.string(from: d) == s
    }
}
