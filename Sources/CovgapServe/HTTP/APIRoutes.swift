import CovgapReview
import Foundation
import Hummingbird

/// The JSON API under /api/v1 (documented in Resources/openapi.yaml, served at /api/v1/openapi.yaml).
struct APIRoutes {
    let service: IntakeService
    let openAPI: Data

    /// The JSON of a stored submission.
    struct SubmissionJSON: Encodable {
        let submission: SubmissionStore.Record
        let summary: ReviewSummary
        let links: [String: String]
        init(_ s: IntakeService.Submitted) {
            submission = s.record
            summary = s.summary
            let base = "/api/v1/provinces/\(s.record.province)/reviews/\(s.record.id)"
            links = [
                "self": base, "rejected": base + "/rejected.csv", "reconciled": base + "/reconciled.geojson",
                "reconciled_csv": base + "/reconciled.csv", "unreported": base + "/unreported.csv",
                "original": base + "/original",
            ]
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
            .add(middleware: ErrorJSONMiddleware())
            .add(middleware: BodyLimitMiddleware(maxBytes: service.config.maxUploadBytes))
        let limit = service.config.maxUploadBytes

        api.get("openapi.yaml") { _, _ in Replies.bytes(openAPI, type: "application/yaml; charset=utf-8") }
        api.get("health") { _, _ in try Replies.json(["status": "ok"]) }
        addReviews(to: api, limit: limit)
        addWorkOrders(to: api, limit: limit)
        addRuns(to: api, limit: limit)
    }

    /// Provinces' reviews: submit, list, read one, download its artifacts.
    private func addReviews(to api: RouterGroup<BasicRequestContext>, limit: Int) {
        api.post("provinces/:code/reviews") { request, context in
            let p = try await principal(request)
            _ = try service.submitTarget(p, province: try context.parameters.require("code"))
            var request = request
            let body = try await request.collectBody(upTo: limit).data
            let filename = request.uri.queryParameters.get("filename")
            let s = try await service.submit(
                p, province: try context.parameters.require("code"), body: body,
                mediaType: request.headers[.contentType], filename: filename)
            var r = try Replies.json(SubmissionJSON(s), status: .created)
            r.headers[.location] = "/api/v1/provinces/\(s.record.province)/reviews/\(s.record.id)"
            return r
        }
        api.get("provinces/:code/reviews") { request, context in
            let p = try await principal(request)
            return try Replies.json(
                try await service.listSubmissions(p, province: try context.parameters.require("code")).map(
                    SubmissionJSON.init))
        }
        api.get("provinces/:code/reviews/:id") { request, context in
            let p = try await principal(request)
            return try Replies.json(
                SubmissionJSON(
                    try await service.submission(
                        p, province: try context.parameters.require("code"),
                        id: try context.parameters.require("id"))))
        }
        api.get("provinces/:code/reviews/:id/:file") { request, context in
            let p = try await principal(request)
            guard let a = SubmissionStore.Artifact(rawValue: try context.parameters.require("file")) else {
                throw IntakeError.notFound()
            }
            let data = try await service.artifact(
                p, province: try context.parameters.require("code"), id: try context.parameters.require("id"), a)
            let type: String
            switch a {
            case .reconciledGeoJSON: type = "application/geo+json"
            case .original: type = "application/octet-stream"
            default: type = "text/csv; charset=utf-8"
            }
            return Replies.bytes(data, type: type)
        }
    }

    /// Carriers' work orders: the points and the dead-zone areas as GeoJSON (with their ETags), an order's status
    /// history, a status report.
    private func addWorkOrders(to api: RouterGroup<BasicRequestContext>, limit: Int) {
        for (file, areas) in [("workorders.geojson", false), ("workorder_areas.geojson", true)] {
            api.get(RouterPath("carriers/:carrier/" + file)) { request, context in
                let p = try await principal(request)
                let (data, etag) = try await service.workOrders(
                    p, carrier: try context.parameters.require("carrier"), areas: areas)
                let matches = request.headers[.ifNoneMatch].map {
                    $0 == "*" || $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag }
                }
                if matches == true {
                    return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: "no-cache"])
                }
                return Replies.bytes(
                    data, type: "application/geo+json", extra: [.eTag: etag, .cacheControl: "no-cache"])
            }
        }
        api.get("carriers/:carrier/workorders/:order/status") { request, context in
            let p = try await principal(request)
            return try Replies.json(
                try await service.history(
                    p, carrier: try context.parameters.require("carrier"),
                    order: try context.parameters.require("order")))
        }
        api.post("carriers/:carrier/workorders/:order/status") { request, context in
            let p = try await principal(request)
            var request = request
            let body = try await request.collectBody(upTo: limit).data
            let change: StatusChange
            do { change = try JSONDecoder().decode(StatusChange.self, from: body) } catch {
                throw IntakeError.bad(
                    "the body is not a status change", hint: "send {\"status\": \"on_air\", \"date\": \"YYYY-MM-DD\"}",
                    reasons: [APIRoutes.decodingReason(error)])
            }
            let e = try await service.report(
                p, carrier: try context.parameters.require("carrier"), order: try context.parameters.require("order"),
                change: change)
            return try Replies.json(e, status: .created)
        }
    }

    /// Published runs and the programme's progress.
    private func addRuns(to api: RouterGroup<BasicRequestContext>, limit: Int) {
        api.post("runs") { request, context in
            let p = try await principal(request)
            var request = request
            let body = try await request.collectBody(upTo: limit).data
            struct Publish: Decodable { let path: String }
            guard let req = try? JSONDecoder().decode(Publish.self, from: body) else {
                guard p.role == .analyst else { throw IntakeError.forbidden("publish runs (analysts only)") }
                throw IntakeError.bad("the body must be {\"path\": \"/server/path/of/a/run\"}")
            }
            return try Replies.json(try await service.publish(p, path: req.path), status: .created)
        }
        api.get("runs") { request, _ in
            try Replies.json(try await service.listRuns(try await principal(request)))
        }
        api.get("progress") { request, _ in
            let p = try await principal(request)
            let r = try await service.progress(p, asOf: request.uri.queryParameters.get("as_of"))
            struct Body: Encodable { let run_id: Int64; let as_of: String; let lines: [ProgressView.Line] }
            return try Replies.json(Body(run_id: r.runId, as_of: r.asOf, lines: r.lines))
        }
    }

    /// The caller of an API request, from `Authorization: Bearer <token>`; 401 when absent, unknown or revoked.
    func principal(_ request: Request) async throws -> Principal {
        guard let h = request.headers[.authorization], h.lowercased().hasPrefix("bearer ") else {
            throw IntakeError.unauthorized()
        }
        guard let p = try await service.tokens.authenticate(String(h.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            throw IntakeError.unauthorized()
        }
        return p
    }

    static func decodingReason(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(k, _): "missing key '\(k.stringValue)'"
        case let DecodingError.typeMismatch(_, c):
            "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case let DecodingError.valueNotFound(_, c):
            "null at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
