import Foundation
import Hummingbird

extension PageRoutes {
    /// The province's own pages: its submissions, an upload, a review's reconciliation and its files.
    func addProvince(to router: RouterGroup<BasicRequestContext>) {
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
                return html(
                    PageHTML.message(title: "Không tìm thấy", text: "Không có lần gửi này."),
                    status: .notFound)
            }
        }
        router.get("province/reviews/:id/:file") { request, context in
            guard let p = try await principal(request), p.role == .province else { return redirect("/") }
            guard let a = SubmissionStore.Artifact(rawValue: try context.parameters.require("file")) else {
                return html(
                    PageHTML.message(title: "Không tìm thấy", text: "Không có tệp này."),
                    status: .notFound)
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
                return html(
                    PageHTML.message(title: "Không tìm thấy", text: "Không có tệp này."),
                    status: .notFound)
            }
        }
    }

    /// Reads the form's file (refusing an over-limit body with 413 before reading it) and submits it.
    private func upload(_ request: Request, _ p: Principal) async throws -> IntakeService.Submitted {
        let limit = service.config.maxUploadBytes
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit + 64 * 1024 {
            throw IntakeError(
                status: .contentTooLarge,
                message: "tệp lớn hơn giới hạn \(limit / 1024 / 1024) MB")
        }
        var request = request
        let body: Data
        do { body = try await request.collectBody(upTo: limit + 64 * 1024).data } catch let e as HTTPResponseError
            where e.status == .contentTooLarge
        {
            throw IntakeError(
                status: .contentTooLarge,
                message: "tệp lớn hơn giới hạn \(limit / 1024 / 1024) MB")
        }
        guard let boundary = Multipart.boundary(contentType: request.headers[.contentType]),
            let parts = Multipart.parts(body, boundary: boundary),
            let file = parts.first(where: { $0.name == "file" })
        else {
            throw IntakeError.bad(
                "biểu mẫu không có tệp",
                hint: "chọn tệp CSV hoặc GeoJSON rồi bấm Gửi")
        }
        guard file.body.count <= limit else {
            throw IntakeError(
                status: .contentTooLarge,
                message: "tệp lớn hơn giới hạn \(limit / 1024 / 1024) MB")
        }
        let ext = (file.filename ?? "").lowercased()
        let type =
            ext.hasSuffix(".csv") ? "text/csv" : (ext.hasSuffix("json") ? "application/geo+json" : file.contentType)
        return try await service.submit(p, province: p.scope, body: file.body, mediaType: type, filename: file.filename)
    }
}
