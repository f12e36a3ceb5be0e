import CovgapPlanning
import Foundation
import Hummingbird

/// The service's web pages: provinces log in with their token, upload a review and see its reconciliation and rejected
/// rows; carriers see their work orders and report on them. The login is a session cookie (HttpOnly, SameSite=Strict);
/// posts from another origin are refused.
struct PageRoutes {
    let service: IntakeService
    static let cookie = "covgap_session"
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"

    func add(to root: Router<BasicRequestContext>) {
        let router = root.group().add(middleware: PageRefusalMiddleware())
        addLogin(to: router)
        addProvince(to: router)
        addCarrier(to: router)
    }

    /// The login page, login and logout (same-origin posts only; the session in an HttpOnly cookie).
    private func addLogin(to router: RouterGroup<BasicRequestContext>) {
        router.get("/") { request, _ in
            if let p = try await principal(request), let home = PageRoutes.home(p) { return redirect(home) }
            return html(PageHTML.login())
        }
        router.post("login") { request, _ in
            try sameOrigin(request)
            var request = request
            let form = LoginForm(try await request.collectBody(upTo: 16 * 1024).data)
            guard let p = try await service.tokens.authenticate(form.token)
            else {
                return html(
                    PageHTML.login(error: "Mã truy cập không đúng hoặc đã bị thu hồi."),
                    status: .unauthorized)
            }
            guard let home = PageRoutes.home(p) else {
                return html(
                    PageHTML.login(
                        error: "Trang này dành cho cán bộ tỉnh và nhà mạng."
                            + " Cục Viễn thông dùng API /api/v1."),
                    status: .forbidden)
            }
            let session = try await service.sessions.open(for: p)
            var r = redirect(home)
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

    /// The page a principal's session opens on: its province's or its carrier's; nil for analysts (the API is theirs).
    static func home(_ p: Principal) -> String? {
        switch p.role {
        case .province: "/province"
        case .carrier: "/carrier"
        case .analyst: nil
        }
    }

    func principal(_ request: Request) async throws -> Principal? {
        guard let id = PageRoutes.sessionId(request) else { return nil }
        return try await service.sessions.principal(session: id)
    }

    func provinceName(_ code: String) async throws -> String {
        try await service.runs.current()?.run.provinces[code] ?? code
    }

    /// The session cookie: HttpOnly, SameSite=Strict, and Secure when the service runs behind TLS.
    func cookie(_ value: String, maxAge: Int) -> String {
        Cookie(
            name: PageRoutes.cookie, value: value, maxAge: maxAge, path: "/", secure: service.config.secureCookies,
            httpOnly: true, sameSite: .strict
        ).description
    }

    /// Refuses a form post a browser marks as coming from another site: an Origin naming another host, the opaque
    /// `null` origin (sandboxed frames, data: pages), or `Sec-Fetch-Site: cross-site`. Browsers send Origin on every
    /// POST, so a post without one is a client that is not a browser and cannot carry a victim's cookie.
    func sameOrigin(_ request: Request) throws {
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

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Replies.bytes(
            Data(text.utf8), status: status, type: "text/html; charset=utf-8",
            extra: [.contentSecurityPolicy: PageRoutes.contentSecurityPolicy])
    }

    func redirect(_ to: String) -> Response {
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
            return PageRefusalMiddleware.page(e.status, e.vi ?? e.message)
        } catch let e as HTTPResponseError {
            context.logger.notice("refused \(request.method) \(request.uri.path): \(e.status.code)")
            return PageRefusalMiddleware.page(
                e.status, e.status == .contentTooLarge ? "yêu cầu quá lớn" : e.status.reasonPhrase)
        } catch {
            context.logger.error("internal error on \(request.method) \(request.uri.path): \(error)")
            return PageRefusalMiddleware.page(
                .internalServerError,
                "lỗi máy chủ; nhật ký máy chủ có chi tiết")
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
