/// How `covgap workorders` turns a run into work orders (the `workorders:` section of the config).
public struct WorkOrderSettings: Sendable, Codable, Equatable {
    /// Technologies whose items get orders.
    public var technologies: [Technology]
    /// A dead zone becomes an item when it holds at least this many people or this much area.
    public var minPeople: Double
    public var minAreaKm2: Double
    /// Village classes that become items (white, weak).
    public var villageClasses: [String]
    /// Each carrier's share of the orders (normalised; default equal); capacity = ⌈share × items × (1 +
    /// tolerance)⌉.
    public var shares: [String: Double]
    public var shareTolerance: Double
    /// Multiplies a carrier's distance cost (default 1).
    public var costFactors: [String: Double]
    /// Distance cost (km) for a carrier that covers nothing of the technology.
    public var noCoverageKm: Double
    /// The assigned carrier's coverage within this distance: action `extend`, else `new_site`.
    public var extendKm: Double
    /// Deadline written on every order (ISO date); nil = 31 December of the current year.
    public var deadline: String?
    /// Funding route when an item holds no village with grid-power and difficult-area flags.
    public var defaultFunding: FundingRoute
    /// Missing carriers of a weak village co-locate on a covering carrier's shareable site within this distance.
    public var colocateRadiusKm: Double
    /// People per household, to weigh village items that give households only (our choice: the 2019 census mean, 3.6).
    public var peoplePerHousehold: Double

    /// The documented defaults.
    public static let defaults = WorkOrderSettings(
        technologies: [.fourG], minPeople: 50, minAreaKm2: 1, villageClasses: ["white", "weak"], shares: [:],
        shareTolerance: 0.1,
        costFactors: [:], noCoverageKm: 100, extendKm: 2, deadline: nil, defaultFunding: .carrier, colocateRadiusKm: 2,
        peoplePerHousehold: 3.6)
}

/// The funding routes of the programme (DOMAIN.md).
public enum FundingRoute: String, Sendable, Codable, CaseIterable {
    /// Powered village in an especially difficult area: the public-utility telecom fund (VTF), by tender.
    case publicFund = "public_fund"
    /// Powered, not especially difficult: the carrier's own money.
    case carrier
    /// No grid power: power first (with EVN).
    case powerFirst = "power_first"
}
