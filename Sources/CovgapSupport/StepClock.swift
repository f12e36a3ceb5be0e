import Foundation

/// Wall-clock seconds per named step of a run.
public struct StepClock {
    private var last = Date()
    public private(set) var seconds: [String: Double] = [:]

    /// Ends the step named `step` now; the next step starts.
    public mutating func mark(_ step: String) {
        let now = Date()
        seconds[step] = now.timeIntervalSince(last)
        last = now
    }

    /// "name seconds" per step, by name, seconds to two decimals (for debug logs).
    public var summary: String {
        seconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value))" }
            .joined(separator: ", ")
    }

    /// Starts empty.
    public init() {}
}
