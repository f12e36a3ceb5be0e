/// One carrier's orders in the published run with where each stands: what the carriers' page lists, counts and
/// filters.
struct CarrierBoard: Sendable {
    let carrier: String
    /// The carrier's name as people read it (the run's `carrier_names`).
    let name: String
    /// Every carrier's name, for the tenants of a shared mast.
    let names: [String: String]
    let runId: Int64
    /// The orders, in the run's file order.
    let orders: [WorkOrderLine]
    /// Order id → its newest event; an order without one is `open`.
    let latest: [String: StatusStore.Event]
    /// Whether the run has the dead-zone polygons of these orders.
    let hasAreas: Bool

    /// A filter of the list: each field empty for "any".
    struct Filter: Sendable, Equatable {
        var status = "", technology = "", province = ""
    }

    /// The status of `order`: its newest event's, else `open`.
    func status(_ order: WorkOrderLine) -> String { latest[order.id]?.status ?? "open" }

    /// Whether `order` is past its deadline on day `asOf` (YYYY-MM-DD) and not on air (as the progress view counts).
    func overdue(_ order: WorkOrderLine, asOf: String) -> Bool {
        status(order) != "on_air" && !order.deadline.isEmpty && order.deadline < asOf
    }

    /// The orders `filter` keeps, in priority order (then id): the first the carrier should act on first.
    func orders(_ filter: Filter) -> [WorkOrderLine] {
        orders.filter {
            (filter.status.isEmpty || status($0) == filter.status)
                && (filter.technology.isEmpty || $0.technology == filter.technology)
                && (filter.province.isEmpty || $0.provinceCode == filter.province)
        }.sorted { ($0.priority ?? .max, $0.id) < ($1.priority ?? .max, $1.id) }
    }

    /// How many orders have each status (every settable one and `open`, zeros included).
    var counts: [String: Int] {
        var c = Dictionary(uniqueKeysWithValues: (["open"] + IntakeService.settableStatuses).map { ($0, 0) })
        for o in orders { c[status(o), default: 0] += 1 }
        return c
    }

    /// The distinct values of a field over the orders, sorted: the filter's choices.
    func choices(_ field: (WorkOrderLine) -> String) -> [String] { Set(orders.map(field)).sorted() }
}
