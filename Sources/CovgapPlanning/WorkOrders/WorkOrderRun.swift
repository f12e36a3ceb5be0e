import CovgapAnalysis
import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// One work order: what one carrier must do about one item, by when, paid by whom.
struct WorkOrder {
    var id: String
    var carrier: Int
    var item: Int
    /// new_site, extend, colocate or roaming.
    var action: String
    var hostSiteID: String?
    var tenants: [Int] = []
    var funding: FundingRoute
    var distanceKm: Double?
    var priority = 0
    /// True for the lead order of an item (the assignment's); false for a missing carrier's co-location or roaming.
    var lead: Bool
}

/// What `covgap workorders` did: the assignment's cost against the greedy rule, orders per carrier.
public struct WorkOrderSummary: Sendable, Codable {
    public var items: Int
    public var orders: Int
    public var ordersByCarrier: [String: Int]
    public var capacities: [String: Int]
    /// Total distance cost (km × cost factor) of the optimal assignment and of the greedy nearest-carrier rule.
    public var optimalCostKm: Double
    public var greedyCostKm: Double
    public var deadline: String
    public var output: String

    /// A few lines for the terminal.
    public var text: String {
        let saved = greedyCostKm - optimalCostKm
        func listed(_ counts: [String: Int]) -> String {
            counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        func km(_ value: Double) -> String { String(format: "%.1f", value) }
        return """
            items: \(items)  orders: \(orders) (\(listed(ordersByCarrier)))
            capacities: \(listed(capacities))
            assignment cost: \(km(optimalCostKm)) km (optimal) vs \(km(greedyCostKm)) km (nearest carrier first): \
            saves \(km(saved)) km (\(km(greedyCostKm > 0 ? 100 * saved / greedyCostKm : 0))%)
            deadline: \(deadline)
            outputs: \(output)
            """
    }
}

/// `covgap workorders`: items from a finished run, one lead carrier each by an exact capacitated assignment, orders
/// written per carrier (GeoJSON), in one CSV and summed per carrier × province × funding.
public struct WorkOrderRun {
    public let runPath: String
    public let reviewFolders: [String]
    public let outputPath: String?
    /// Overrides the run's own `workorders:` settings (from another config file).
    public let settingsOverride: WorkOrderSettings?
    public let logger: Logger

    /// A work-order pass over the run at `runPath`.
    public init(
        runPath: String, reviewFolders: [String] = [], outputPath: String? = nil, settings: WorkOrderSettings? = nil,
        logger: Logger
    ) {
        self.runPath = runPath
        self.reviewFolders = reviewFolders
        self.outputPath = outputPath
        settingsOverride = settings
        self.logger = logger
    }

    public func run() throws -> WorkOrderSummary {
        GDALRuntime.initialize()
        let run = try RunFolder(path: runPath)
        let settings = settingsOverride ?? run.config.workOrders
        var items = try WorkItemBuilder(run: run, settings: settings).items(reviewFolders: reviewFolders)
        let distance = try CoverageDistance(bitsPath: run.coverageBitsPath, grid: run.grid, gridCRS: run.gridCRS)
        for k in items.indices where items[k].kind != .deadZone {
            let s = TechnologyScope(items[k].technology).index
            items[k].distanceKm = try distance.nearestKm(
                lon: items[k].lon, lat: items[k].lat, scope: s, carriers: items[k].eligible)
        }
        // Priority order: most people first, then the id stem (stable).
        items.sort { ($1.population, $0.idStem, $0.ref) < ($0.population, $1.idStem, $1.ref) }
        let carriers = run.carriers
        let costs: [[Int64?]] = items.map { item in
            carriers.indices.map { c in
                guard item.eligible.contains(c) else { return nil }
                let km = item.distanceKm[c] ?? settings.noCoverageKm
                return Int64((km * (settings.costFactors[carriers[c]] ?? 1) * 1000).rounded())
            }
        }
        // Capacities bind the open items (any carrier of the technology may take them); a weak place goes to a carrier
        // already covering it, outside the capacities, since no other carrier may build there.
        let open = items.indices.filter { items[$0].covering == nil }
        let capacities = WorkOrderRun.capacities(items: open.count, carriers: carriers, settings: settings)
        let openCosts = open.map { costs[$0] }
        let optimalOpen: [Int], greedyOpen: [Int]
        do {
            optimalOpen = try TransportAssignment.solve(costs: openCosts, capacities: capacities)
            greedyOpen = try TransportAssignment.greedy(costs: openCosts, capacities: capacities)
        } catch let e as TransportAssignment.Infeasible {
            let item = items[open[e.item]]
            let given = zip(carriers, capacities).map { "\($0) \($1)" }.joined(separator: ", ")
            let takers = item.eligible.map { carriers[$0] }.joined(separator: ", ")
            throw InputError(
                file: run.config.configPath, location: "key 'workorders.shares'",
                problem:
                    "the capacities (\(given)) leave no room for \(item.kind.rawValue) \(item.ref), which only "
                    + "\(takers) may take",
                hint: "raise workorders.share_tolerance or those carriers' shares")
        }
        var optimal = [Int](repeating: -1, count: items.count), greedy = optimal
        for (k, i) in open.enumerated() { optimal[i] = optimalOpen[k]; greedy[i] = greedyOpen[k] }
        var restrictedLoad = [Int](repeating: 0, count: carriers.count)
        for i in items.indices where items[i].covering != nil {
            let best = items[i].eligible.min {
                (costs[i][$0]!, restrictedLoad[$0], $0) < (costs[i][$1]!, restrictedLoad[$1], $1)
            }!
            restrictedLoad[best] += 1
            optimal[i] = best
            greedy[i] = best
        }
        let orders = WorkOrderRun.orders(items: items, assignment: optimal, run: run, settings: settings)
        let deadline = settings.deadline ?? "\(Calendar(identifier: .gregorian).component(.year, from: Date()))-12-31"
        let target = outputPath ?? runPath + "/workorders"
        let inputs =
            [OutputGuard.Input(role: "run", path: runPath), .init(role: "config", path: run.config.configPath)]
            + reviewFolders.map { OutputGuard.Input(role: "review", path: $0) }
        let staging = try OutputStaging(target: target, guard: OutputGuard(command: .workorders, inputs: inputs))
        do {
            let writer = WorkOrderWriter(items: items, orders: orders, carriers: carriers, run: run, deadline: deadline)
            try writer.write(into: staging)
            var summary = WorkOrderSummary(
                items: items.count, orders: orders.count, ordersByCarrier: [:],
                capacities: Dictionary(uniqueKeysWithValues: zip(carriers, capacities)),
                optimalCostKm: Double(TransportAssignment.total(optimal, costs: costs)) / 1000,
                greedyCostKm: Double(TransportAssignment.total(greedy, costs: costs)) / 1000,
                deadline: deadline, output: target)
            for o in orders { summary.ordersByCarrier[carriers[o.carrier], default: 0] += 1 }
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try e.encode(summary).write(to: URL(fileURLWithPath: staging.file("summary.json")))
            try Data((summary.text + "\n").utf8).write(to: URL(fileURLWithPath: staging.file("summary.txt")))
            try staging.commitWithManifest()
            return summary
        } catch {
            throw staging.abandon(after: error)
        }
    }

    /// ⌈share × items × (1 + tolerance)⌉ per carrier; shares default to equal and are normalised.
    static func capacities(items: Int, carriers: [String], settings: WorkOrderSettings) -> [Int] {
        let shares = carriers.map { settings.shares.isEmpty ? 1.0 : settings.shares[$0] ?? 0 }
        let total = shares.reduce(0, +)
        // Less a hair before rounding up: 100 × 0.5 × 1.1 is 55.000000000000007 in binary floating point.
        return shares.map { Int((Double(items) * $0 / total * (1 + settings.shareTolerance) - 1e-9).rounded(.up)) }
    }

    /// Lead orders from the assignment, plus co-location or roaming orders for carriers missing from weak places;
    /// stable ids (duplicates of a stem numbered in priority order) and priorities by people.
    static func orders(items: [WorkItem], assignment: [Int], run: RunFolder, settings: WorkOrderSettings) -> [WorkOrder]
    {
        let fallback = settings.defaultFunding
        let hosts = SiteHosts(run: run, radiusKm: settings.colocateRadiusKm)
        var orders: [WorkOrder] = []
        var seen: [String: Int] = [:]
        for (k, item) in items.enumerated() {
            seen[item.idStem, default: 0] += 1
            let id = seen[item.idStem]! == 1 ? item.idStem : "\(item.idStem)-\(seen[item.idStem]!)"
            let lead = assignment[k]
            let distance = item.distanceKm[lead]
            let action: String
            if item.kind == .sharedMast {
                action = "new_site"
            }
            // Extending reaches a place within extend_km of the carrier's coverage; a dead zone larger than a disc of
            // that radius needs a new site whatever its edge touches.
            else if item.covering != nil
                || ((distance ?? .infinity) <= settings.extendKm
                    && (item.areaKm2 ?? 0) <= Double.pi * settings.extendKm * settings.extendKm)
            {
                action = "extend"
            } else {
                action = "new_site"
            }
            var order = WorkOrder(
                id: id, carrier: lead, item: k, action: action, funding: item.funding(default: fallback),
                distanceKm: distance,
                priority: k + 1, lead: true)
            if item.kind == .sharedMast { order.tenants = item.served.filter { $0 != lead } }
            orders.append(order)
            if let covering = item.covering {
                let s = TechnologyScope(item.technology).index
                for c in run.carriers.indices where run.scopes.has(carrier: c, scope: s) && !covering.contains(c) {
                    let host = hosts.nearest(lon: item.lon, lat: item.lat, carriers: covering.map { run.carriers[$0] })
                    orders.append(
                        WorkOrder(
                            id: "\(id)-\(run.carriers[c])", carrier: c, item: k,
                            action: host == nil ? "roaming" : "colocate",
                            hostSiteID: host, funding: order.funding, distanceKm: item.distanceKm[c], priority: k + 1,
                            lead: false))
                }
            }
        }
        return orders
    }
}

/// Shareable sites of the run's inventory (when it still exists), for co-location hosts.
struct SiteHosts {
    private var sites: [Site] = []

    init(run: RunFolder, radiusKm: Double) {
        self.radiusKm = radiusKm
        if let input = run.config.sites, let loaded = try? SiteLoader.load(input) { sites = loaded.filter(\.shareable) }
    }

    let radiusKm: Double

    /// The nearest shareable site of one of `carriers` within the radius (great-circle distance), by id on ties.
    func nearest(lon: Double, lat: Double, carriers: [String]) -> String? {
        var best: (Double, String)?
        for s in sites where carriers.contains(s.carrier) {
            let d = SiteHosts.haversineKm(lon, lat, s.lon, s.lat)
            if d <= radiusKm, best == nil || (d, s.id) < best! { best = (d, s.id) }
        }
        return best?.1
    }

    /// Great-circle distance on the mean Earth sphere (6,371.0088 km); ample for a search radius.
    static func haversineKm(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
        let r = Double.pi / 180
        let a = pow(sin((lat2 - lat1) * r / 2), 2) + cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2)
        return 2 * 6371.0088 * asin(min(1, a.squareRoot()))
    }
}
