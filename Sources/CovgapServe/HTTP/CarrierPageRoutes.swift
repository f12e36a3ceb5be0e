import Foundation
import Hummingbird

extension PageRoutes {
    /// The carrier's own pages: its orders (filtered), one order with its history, a status report, the downloads.
    func addCarrier(to router: RouterGroup<BasicRequestContext>) {
        router.get("carrier") { request, _ in
            guard let p = try await principal(request), p.role == .carrier else { return redirect("/") }
            let q = request.uri.queryParameters
            let filter = CarrierBoard.Filter(
                status: q.get("status") ?? "", technology: q.get("technology") ?? "", province: q.get("province") ?? "")
            do {
                return html(
                    CarrierPageHTML.list(
                        try await service.board(p, carrier: p.scope), filter: filter, today: ServeDatabase.today()))
            } catch let e as IntakeError where e.status == .notFound {
                return html(
                    PageHTML.message(
                        title: "Chưa có lệnh công việc",
                        text: "Lần chạy đã công bố không có lệnh công việc nào cho nhà mạng này."),
                    status: .notFound)
            }
        }
        router.get("carrier/orders/:order") { request, context in
            guard let p = try await principal(request), p.role == .carrier else { return redirect("/") }
            let id = try context.parameters.require("order")
            let recorded = request.uri.queryParameters.get("recorded").flatMap(Int64.init)
            return try await orderPage(p, id: id) { order, board, history in
                CarrierPageHTML.order(
                    order, board: board, history: history, recorded: history.last { $0.id == recorded })
            }
        }
        router.post("carrier/orders/:order/status") { request, context in
            try sameOrigin(request)
            guard let p = try await principal(request), p.role == .carrier else { return redirect("/") }
            let id = try context.parameters.require("order")
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024).data
            do {
                let e = try await service.report(p, carrier: p.scope, order: id, change: try StatusForm(body).change())
                return redirect(CarrierPageHTML.orderPath(id) + "?recorded=\(e.id)")
            } catch let e as IntakeError where e.status == .badRequest {
                return try await orderPage(p, id: id, status: e.status) {
                    CarrierPageHTML.order($0, board: $1, history: $2, error: e)
                }
            }
        }
        for (path, areas) in [("carrier/workorders.geojson", false), ("carrier/workorder_areas.geojson", true)] {
            router.get(RouterPath(path)) { request, _ in
                guard let p = try await principal(request), p.role == .carrier else { return redirect("/") }
                let (data, _) = try await service.workOrders(p, carrier: p.scope, areas: areas)
                let name = "\(p.scope)_\(areas ? "workorder_areas" : "workorders").geojson"
                return Replies.bytes(
                    data, type: "application/geo+json",
                    extra: [.contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"])
            }
        }
    }

    /// The page of the carrier's order `id` drawn by `render` from the order, the board and its history; a page
    /// saying so (404) when the carrier has no such order.
    private func orderPage(
        _ p: Principal, id: String, status: HTTPResponse.Status = .ok,
        render: (WorkOrderLine, CarrierBoard, [StatusStore.Event]) -> String
    ) async throws -> Response {
        let board = try await service.board(p, carrier: p.scope)
        guard let order = board.orders.first(where: { $0.id == id }) else {
            return html(
                PageHTML.message(title: "Không tìm thấy", text: "Nhà mạng không có lệnh công việc này."),
                status: .notFound)
        }
        return html(render(order, board, try await service.history(p, carrier: p.scope, order: id)), status: status)
    }
}

/// The report form of the carriers' page (application/x-www-form-urlencoded): a status, the day it went on air,
/// optional measurements and a reason. Numbers may use the decimal comma ("-97,5").
struct StatusForm: Decodable {
    var status = "", date = "", rsrp_dbm = "", download_mbps = "", reason = ""

    init(_ body: Data) throws {
        do {
            self = try URLEncodedFormDecoder().decode(StatusForm.self, from: String(decoding: body, as: UTF8.self))
        } catch {
            throw IntakeError.bad(
                "the form does not decode",
                vi: "biểu mẫu không đọc được; tải lại trang rồi gửi lại")
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ k: CodingKeys) throws -> String {
            (try c.decodeIfPresent(String.self, forKey: k) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        status = try text(.status)
        date = try text(.date)
        rsrp_dbm = try text(.rsrp_dbm)
        download_mbps = try text(.download_mbps)
        reason = try text(.reason)
    }

    private enum CodingKeys: String, CodingKey { case status, date, rsrp_dbm, download_mbps, reason }

    /// The change the form asks for, as the API would receive it; the service validates it.
    func change() throws -> StatusChange {
        var measurement: [String: Double] = [:]
        for (key, text, words) in [
            ("rsrp_dbm", rsrp_dbm, "RSRP"), ("download_mbps", download_mbps, "tốc độ tải xuống"),
        ]
        where !text.isEmpty {
            guard let v = Double(text.replacingOccurrences(of: ",", with: ".")), v.isFinite else {
                throw IntakeError.bad(
                    "\(key) '\(text.prefix(40))' is not a number",
                    vi: "\(words) phải là một số")
            }
            measurement[key] = v
        }
        return StatusChange(
            status: status, date: date.isEmpty ? nil : date, measurement: measurement.isEmpty ? nil : measurement,
            reason: reason.isEmpty ? nil : reason)
    }
}
