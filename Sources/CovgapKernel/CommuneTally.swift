import CovgapModel

/// Per-commune, per-scope sums kept as integers (area in 1/1000 m², people in millionths), so partial sums merge
/// exactly in any order: results cannot depend on the thread count.
public struct CommuneTally: Sendable {
    /// The named sums of one commune × scope; per-carrier sums follow at `carrierBase`.
    public enum Field: Int, CaseIterable {
        case cells, area, population, coveredAnyArea, coveredAllArea, notspotTotalArea, notspotPartialArea
        case populationCovered, populationNotspotTotal
    }

    public static let areaScale = 1000.0
    public static let populationScale = 1_000_000.0

    public let communeCount: Int
    public let carrierCount: Int
    public let fieldsPerScope: Int
    public private(set) var values: [Int64]

    /// Zeroed sums for communes 1...communeCount (slot 0 is unused) and `carrierCount` carriers.
    public init(communeCount: Int, carrierCount: Int) {
        self.communeCount = communeCount
        self.carrierCount = carrierCount
        fieldsPerScope = Field.allCases.count + 2 * carrierCount
        values = [Int64](repeating: 0, count: (communeCount + 1) * TechnologyScope.allCases.count * fieldsPerScope)
    }

    /// Start of the fields of `commune` (1-based id) in scope number `scope`.
    @inline(__always)
    public func base(commune: Int, scope: Int) -> Int {
        CommuneTally.base(commune: commune, scope: scope, fieldsPerScope: fieldsPerScope)
    }

    /// The same for a tally with `fieldsPerScope` fields per scope (for loops that hold the sums, not the tally).
    @inline(__always)
    public static func base(commune: Int, scope: Int, fieldsPerScope: Int) -> Int {
        (commune * TechnologyScope.allCases.count + scope) * fieldsPerScope
    }

    /// Offset, from a base, of carrier `c`'s covered area (population follows at +1).
    @inline(__always)
    public func carrierOffset(_ c: Int) -> Int { CommuneTally.carrierOffset(c) }

    /// Offset, from a base, of carrier `c`'s covered area (population follows at +1).
    @inline(__always)
    public static func carrierOffset(_ c: Int) -> Int { Field.allCases.count + 2 * c }

    /// Adds `amount` at an absolute index.
    @inline(__always)
    public mutating func add(_ index: Int, _ amount: Int64) { values[index] &+= amount }

    /// The sum of one field.
    public func value(commune: Int, scope: Int, _ field: Field) -> Int64 {
        values[base(commune: commune, scope: scope) + field.rawValue]
    }

    /// Carrier `c`'s covered area and population sums.
    public func carrier(commune: Int, scope: Int, _ c: Int) -> (area: Int64, population: Int64) {
        let i = base(commune: commune, scope: scope) + carrierOffset(c)
        return (values[i], values[i + 1])
    }

    /// Runs `body` over the sums as one contiguous buffer (indexed like `add`), for inner loops.
    @inline(__always)
    public mutating func withUnsafeMutableSums<R>(_ body: (UnsafeMutableBufferPointer<Int64>) throws -> R) rethrows -> R
    {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Adds another tally (same shape) into this one.
    public mutating func merge(_ other: CommuneTally) {
        precondition(other.values.count == values.count)
        values.withUnsafeMutableBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] &+= theirs[i] }
            }
        }
    }
}
