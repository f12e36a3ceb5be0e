import CovgapPlanning
import Foundation
import Hummingbird

/// The provinces' web page: log in with the token, upload a review, see the reconciliation and the rejected rows.
/// The login is a session cookie (HttpOnly, SameSite=Strict); posts from another origin are refused.
struct PageRoutes {
    let service: IntakeService
    static let cookie = "covgap_session"
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"

    func add(to root: Router<BasicRequestContext>) {
        let router = root.group().add(middleware: PageRefusalMiddleware())
        addLogin(to: router)
        addProvince(to: router)
    }

    /// The login page, login and logout (same-origin posts only; the session in an HttpOnly cookie).
    private func addLogin(to router: RouterGroup<BasicRequestContext>) {
        router.get("/") { request, _ in
            if let p = try await principal(request), p.role == .province { return redirect("/province") }
            return html(PageHTML.login())
        }
        router.post("login") { request, _ in
            try sameOrigin(request)
            var request = request
            let form = LoginForm(try await request.collectBody(upTo: 16 * 1024).data)
            guard let p = try await service.tokens.authenticate(form.token)
            else {
                return html(PageHTML.login(error: "Mã truy cập không đúng hoặc đã bị thu hồi."), status: .unauthorized)
            }
            guard p.role == .province else {
                return html(
                    PageHTML.login(
                        error: "Trang này dành cho cán bộ tỉnh. Nhà mạng và Cục Viễn thông dùng API /api/v1."),
                    status: .forbidden)
            }
            let session = try await service.sessions.open(for: p)
            var r = redirect("/province")
            r.headers[.setCookie] = cookie(session, maxAge: service.config.sessionSeconds)
            return r
        }
        router.post("logout") { request, _ in
            try sameOrigin(request)
            if let id = PageRoutes.sessionId(request) { try await service.sessions.close(session: id) }
            var r = redirect("/")
            r.headers[.setCookie] = cookie("", maxAge: 0)
            return r
        }
    }

    /// The province's own pages: its submissions, an upload, a review's reconciliation and its files.
    private func addProvince(to router: RouterGroup<BasicRequestContext>) {
        router.get("province") { request, _ in
            guard let p = try await principal(request), p.role == .province else { return redirect("/") }
            return html(
                PageHTML.province(
                    code: p.scope, name: try await provinceName(p.scope),
                    submissions: try await service.listSubmissions(p, province: p.scope)))
        }
        router.post("province/upload") { request, _ in
            try sameOrigin(request)
            guard let p = try await principal(request), p.role == .province else { return redirect("/") }
            do {
                return redirect("/province/reviews/" + (try await upload(request, p)).record.id)
            } catch let e as IntakeError {
                return html(
                    PageHTML.province(
                        code: p.scope, name: try await provinceName(p.scope),
                        submissions: try await service.listSubmissions(p, province: p.scope), error: e),
                    status: e.status)
            }
        }
        router.get("province/reviews/:id") { request, context in
            guard let p = try await principal(request), p.role == .province else { return redirect("/") }
            do {
                let id = try context.parameters.require("id")
                let s = try await service.submission(p, province: p.scope, id: id)
                let reconciled = PageRoutes.table(
                    try await service.artifact(p, province: p.scope, id: id, .reconciledCSV))
                let rejected = PageRoutes.table(try await service.artifact(p, province: p.scope, id: id, .rejected))
                return html(
                    PageHTML.review(
                        code: p.scope, name: try await provinceName(p.scope), submitted: s, reconciled: reconciled,
                        rejected: rejected))
            } catch let e as IntakeError where e.status == .notFound {
                return html(PageHTML.message(title: "Không tìm thấy", text: "Không có lần gửi này."), status: .notFound)
            }
        }
        router.get("province/reviews/:id/:file") { request, context in
            guard let p = try await principal(request), p.role == .province else { return redirect("/") }
            guard let a = SubmissionStore.Artifact(rawValue: try context.parameters.require("file")) else {
                return html(PageHTML.message(title: "Không tìm thấy", text: "Không có tệp này."), status: .notFound)
            }
            let id = try context.parameters.require("id")
            do {
                let data = try await service.artifact(p, province: p.scope, id: id, a)
                let name =
                    a == .original
                    ? (try await service.submission(p, province: p.scope, id: id)).record.filename
                    : "\(id)-\(a.rawValue)"
                return Replies.bytes(
                    data, type: "application/octet-stream",
                    extra: [.contentDisposition: "attachment; filename=\"\(name)\""])
            } catch let e as IntakeError where e.status == .notFound {
                return html(PageHTML.message(title: "Không tìm thấy", text: "Không có tệp này."), status: .notFound)
            }
        }
    }

    /// Reads the form's file (refusing an over-limit body with 413 before reading it) and submits it.
    private func upload(_ request: Request, _ p: Principal) async throws -> IntakeService.Submitted {
        let limit = service.config.maxUploadBytes
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit + 64 * 1024 {
            throw IntakeError(status: .contentTooLarge, message: "tệp lớn hơn giới hạn \(limit / 1024 / 1024) MB")
        }
        var request = request
        let body: Data
        do { body = try await request.collectBody(upTo: limit + 64 * 1024).data } catch let e as HTTPResponseError
            where e.status == .contentTooLarge
        {
            throw IntakeError(status: .contentTooLarge, message: "tệp lớn hơn giới hạn \(limit / 1024 / 1024) MB")
        }
        guard let boundary = Multipart.boundary(contentType: request.headers[.contentType]),
            let parts = Multipart.parts(body, boundary: boundary),
            let file = parts.first(where: { $0.name == "file" })
        else {
            throw IntakeError.bad("biểu mẫu không có tệp", hint: "chọn tệp CSV hoặc GeoJSON rồi bấm Gửi")
        }
        guard file.body.count <= limit else {
            throw IntakeError(status: .contentTooLarge, message: "tệp lớn hơn giới hạn \(limit / 1024 / 1024) MB")
        }
        let ext = (file.filename ?? "").lowercased()
        let type =
            ext.hasSuffix(".csv") ? "text/csv" : (ext.hasSuffix("json") ? "application/geo+json" : file.contentType)
        return try await service.submit(p, province: p.scope, body: file.body, mediaType: type, filename: file.filename)
    }

    private func principal(_ request: Request) async throws -> Principal? {
        guard let id = PageRoutes.sessionId(request) else { return nil }
        return try await service.sessions.principal(session: id)
    }

    private func provinceName(_ code: String) async throws -> String {
        try await service.runs.current()?.run.provinces[code] ?? code
    }

    /// The session cookie: HttpOnly, SameSite=Strict, and Secure when the service runs behind TLS.
    private func cookie(_ value: String, maxAge: Int) -> String {
        Cookie(
            name: PageRoutes.cookie, value: value, maxAge: maxAge, path: "/", secure: service.config.secureCookies,
            httpOnly: true, sameSite: .strict
        ).description
    }

    /// Refuses a form post a browser marks as coming from another site: an Origin naming another host, the opaque
    /// `null` origin (sandboxed frames, data: pages), or `Sec-Fetch-Site: cross-site`. Browsers send Origin on every
    /// POST, so a post without one is a client that is not a browser and cannot carry a victim's cookie.
    private func sameOrigin(_ request: Request) throws {
        if let site = request.headers[PageRoutes.fetchSite]?.lowercased(), site == "cross-site" || site == "same-site" {
            throw IntakeError.forbidden("post from another site (Sec-Fetch-Site: \(site))")
        }
        guard let origin = request.headers[.origin] else { return }
        guard origin != "null" else { throw IntakeError.forbidden("post from an opaque origin (Origin: null)") }
        let host = request.head.authority ?? ""
        guard let o = URL(string: origin), let oh = o.host else {
            throw IntakeError.forbidden("post from another site (Origin: \(origin.prefix(100)))")
        }
        let originHost = o.port.map { "\(oh):\($0)" } ?? oh
        guard originHost == host else {
            throw IntakeError.forbidden("post from another site (Origin: \(origin.prefix(100)))")
        }
    }

    static var fetchSite: HTTPFields.Element.Name { .init("Sec-Fetch-Site")! }

    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Replies.bytes(
            Data(text.utf8), status: status, type: "text/html; charset=utf-8",
            extra: [.contentSecurityPolicy: PageRoutes.contentSecurityPolicy])
    }

    private func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to, .cacheControl: "no-store"])
    }

    /// The session id the browser presents (Hummingbird's cookie parser), nil without one.
    static func sessionId(_ request: Request) -> String? { request.cookies[cookie]?.value }

    /// A CSV file of the service's own as rows keyed by its header.
    static func table(_ data: Data) -> [[String: String]] {
        (try? CSVTable(text: String(decoding: data, as: UTF8.self), name: "stored review file"))?.rows ?? []
    }
}

/// The page's refusals as a short HTML page with their status (never a bare 500 with an empty body), each logged with
/// its cause: the service's own refusals, Hummingbird's (a body over the limit), and anything else as 500.
struct PageRefusalMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as IntakeError {
            context.logger.notice("refused \(request.method) \(request.uri.path): \(e.status.code) \(e.message)")
            return PageRefusalMiddleware.page(e.status, e.message)
        } catch let e as HTTPResponseError {
            context.logger.notice("refused \(request.method) \(request.uri.path): \(e.status.code)")
            return PageRefusalMiddleware.page(
                e.status, e.status == .contentTooLarge ? "yêu cầu quá lớn" : e.status.reasonPhrase)
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            return PageRefusalMiddleware.page(.internalServerError, "lỗi máy chủ; nhật ký máy chủ có chi tiết")
        }
    }

    static func page(_ status: HTTPResponse.Status, _ text: String) -> Response {
        let page = PageHTML.message(title: "Không thực hiện được (\(status.code))", text: text)
        return Replies.bytes(
            Data(page.utf8), status: status, type: "text/html; charset=utf-8",
            extra: [.contentSecurityPolicy: PageRoutes.contentSecurityPolicy])
    }
}

/// The login form (application/x-www-form-urlencoded, Hummingbird's decoder). A body that does not decode is a login
/// without a token: refused as a wrong one.
struct LoginForm: Decodable {
    var token = ""

    init(_ body: Data) {
        let decoded = try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(decoding: body, as: UTF8.self))
        token = (decoded?.token ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    init(from decoder: Decoder) throws {
        token = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .token) ?? ""
    }

    private enum CodingKeys: String, CodingKey { case token }
}
