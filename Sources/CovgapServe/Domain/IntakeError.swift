import Hummingbird

/// A request the service refuses, with the HTTP status and what the client should know: a message, a hint, and for
/// malformed uploads the reasons row by row. The API answers in English; the pages show `vi` when there is one.
struct IntakeError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String
    var hint: String = ""
    var reasons: [String] = []
    /// The message in Vietnamese (with what to do), for the web pages.
    var vi: String? = nil
    /// The reasons in Vietnamese, for the web pages (nil: the pages show `reasons`).
    var reasonsVI: [String]? = nil

    static func notFound() -> IntakeError { IntakeError(status: .notFound, message: "not found") }
    static func unauthorized() -> IntakeError {
        IntakeError(
            status: .unauthorized, message: "missing, unknown or revoked token",
            hint: "send Authorization: Bearer <token>")
    }
    static func forbidden(_ what: String) -> IntakeError {
        IntakeError(status: .forbidden, message: "this token's role cannot \(what)")
    }
    static func bad(
        _ message: String, hint: String = "", reasons: [String] = [], vi: String? = nil, reasonsVI: [String]? = nil
    ) -> IntakeError {
        IntakeError(status: .badRequest, message: message, hint: hint, reasons: reasons, vi: vi, reasonsVI: reasonsVI)
    }
}
