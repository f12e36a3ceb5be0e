import CovgapSupport
import Foundation

/// A carrier's report on a work order, as posted: `in_progress`; `on_air` with the day it went on air and an optional
/// measurement object (e.g. `{"rsrp_dbm": -97}`); `disputed` with a reason.
struct StatusChange: Codable, Sendable {
    let status: String
    let date: String?
    let measurement: [String: Double]?
    let reason: String?

    /// Longest reason accepted, in UTF-8 bytes (not characters: a character may carry any number of combining marks).
    static let maxReasonBytes = 4000
    /// Longest measurement key, in bytes; keys are lower-case ASCII names such as `rsrp_dbm`.
    static let maxKeyBytes = 40

    /// Refuses an unknown status, an `on_air` without a real date from the day the order's run was published (`runDay`)
    /// to today, a `disputed` without a reason, and reasons or measurements beyond their bounds in bytes.
    func validate(today: String = ServeDatabase.today(), runDay: String) throws {
        guard IntakeService.settableStatuses.contains(status) else {
            throw IntakeError.bad(
                "status '\(status)' is not one of \(IntakeService.settableStatuses.joined(separator: ", "))",
                vi: "chọn một trạng thái: đang triển khai, đã phát sóng hoặc có ý kiến")
        }
        if status == "on_air" {
            guard let d = date, StatusChange.isDay(d) else {
                throw IntakeError.bad(
                    "on_air needs \"date\": the day it went on air, YYYY-MM-DD",
                    vi: "“đã phát sóng” cần ngày phát sóng (năm-tháng-ngày, ví dụ 2026-12-01)")
            }
            guard d <= today else {
                throw IntakeError.bad("on_air date \(d) is in the future", vi: "ngày phát sóng \(d) chưa đến")
            }
            guard d >= runDay else {
                throw IntakeError.bad(
                    "on_air date \(d) is before \(runDay), the day the run these orders come from was published",
                    hint: "give the day the site went on air for this order",
                    vi: "ngày phát sóng \(d) trước ngày \(runDay), ngày công bố đợt giao việc này")
            }
        } else if date != nil {
            throw IntakeError.bad(
                "only on_air takes a date",
                vi: "chỉ trạng thái “đã phát sóng”"
                    + " có ngày phát sóng")
        }
        if status == "disputed" {
            guard let r = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !r.isEmpty else {
                throw IntakeError.bad(
                    "disputed needs \"reason\": why the carrier disputes the order",
                    vi: "“có ý kiến” cần nêu lý do nhà mạng không đồng ý với lệnh này")
            }
        }
        if let r = reason, r.utf8.count > StatusChange.maxReasonBytes {
            throw IntakeError.bad(
                "reason is \(r.utf8.count) bytes; at most \(StatusChange.maxReasonBytes) bytes of UTF-8 are kept",
                vi: "lý do quá dài (\(r.utf8.count) byte; tối đa \(StatusChange.maxReasonBytes) byte)")
        }
        if measurement != nil, status != "on_air" {
            throw IntakeError.bad(
                "only on_air takes a measurement", vi: "chỉ trạng thái “đã phát sóng” có số đo")
        }
        if let m = measurement, m.values.contains(where: { !$0.isFinite }) || m.count > 20 {
            throw IntakeError.bad(
                "measurement must be an object of at most 20 finite numbers",
                vi: "số đo phải là số (tối đa 20 số)")
        }
        if let bad = measurement?.keys.sorted().first(where: { !StatusChange.isMeasurementKey($0) }) {
            throw IntakeError.bad(
                "measurement key '\(bad.prefix(StatusChange.maxKeyBytes))…' is not a name of at most "
                    + "\(StatusChange.maxKeyBytes) bytes of a-z, 0-9 and _",
                hint: "name measurements like rsrp_dbm or download_mbps")
        }
    }

    /// A lower-case ASCII name starting with a letter, at most `maxKeyBytes` long.
    static func isMeasurementKey(_ k: String) -> Bool {
        let b = Array(k.utf8)
        return !b.isEmpty && b.count <= maxKeyBytes && (0x61...0x7a).contains(b[0])
            && b.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f }
    }

    /// The measurement as stored (sorted JSON), or nil.
    func measurementText() throws -> String? {
        guard let m = measurement else { return nil }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(m), as: UTF8.self)
    }

    /// Whether `s` is a real calendar day written YYYY-MM-DD.
    static func isDay(_ s: String) -> Bool { CalendarDay(iso: s) != nil }
}
