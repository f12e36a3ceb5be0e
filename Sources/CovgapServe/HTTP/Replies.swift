import Foundation
import Hummingbird

/// Building responses: JSON with sorted keys, files with their media type, errors as `{"error": {...}}`.
enum Replies {
    static func bytes(
        _ data: Data, status: HTTPResponse.Status = .ok, type: String, extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = type
        headers[.cacheControl] = headers[.cacheControl] ?? "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return bytes(try e.encode(value), status: status, type: "application/json; charset=utf-8")
    }

    /// The JSON body of a refused request.
    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let status: Int
            let message: String
            let hint: String?
            let reasons: [String]?
        }
        let error: Detail
    }

    static func error(_ e: IntakeError) -> Response {
        let body = ErrorBody(
            error: .init(
                status: e.status.code, message: e.message, hint: e.hint.isEmpty ? nil : e.hint,
                reasons: e.reasons.isEmpty ? nil : e.reasons))
        var r = (try? json(body, status: e.status)) ?? Response(status: e.status)
        if e.status == .unauthorized { r.headers[.wwwAuthenticate] = "Bearer realm=\"covgap\"" }
        return r
    }
}

extension ByteBuffer {
    /// The readable bytes as Data.
    var data: Data { Data(getBytes(at: readerIndex, length: readableBytes) ?? []) }
}

/// Turns every thrown error of the API into a JSON error response: the service's own refusals with their status,
/// Hummingbird's (413 from a body over the limit, 404 for unknown routes) with theirs, anything else as 500.
struct ErrorJSONMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as IntakeError {
            return Replies.error(e)
        } catch let e as HTTPResponseError {
            let message =
                e.status == .contentTooLarge
                ? "the body is larger than this service accepts" : (e.status.reasonPhrase.lowercased())
            return Replies.error(IntakeError(status: e.status, message: message))
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            return Replies.error(
                IntakeError(
                    status: .internalServerError, message: "internal error", hint: "the server log has the details"))
        }
    }
}

/// Refuses a body whose declared length is over the limit with 413 before reading any of it; bodies without a length
/// are cut off at the limit when collected (`collect(upTo:)` throws 413 too).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            throw IntakeError(
                status: .contentTooLarge,
                message: "the body is \(declared) bytes; this service accepts at most \(maxBytes)",
                hint: "split the submission or ask the ministry to raise max_upload_mb")
        }
        return try await next(request, context)
    }
}

/// Headers every answer carries: browsers must not guess a download's type (an uploaded CSV is never run as a page)
/// and must not pass the service's addresses (which name provinces and submissions) to other sites. `same-origin`, not
/// `no-referrer`: under `no-referrer` Chromium sends `Origin: null` on the page's own form posts, which are refused.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var referrerPolicy: HTTPFields.Element.Name { .init("Referrer-Policy")! }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var r = try await next(request, context)
        r.headers[.xContentTypeOptions] = "nosniff"
        r.headers[SecurityHeadersMiddleware.referrerPolicy] = "same-origin"
        return r
    }
}
