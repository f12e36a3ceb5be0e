import Foundation

/// Wall-clock seconds per named step of a run.
public struct StepClock {
    private var last = Date()
    public private(set) var seconds: [String: Double] = [:]

    public mutating func mark(_ step: String) {
        let now = Date()
        seconds[step] = now.timeIntervalSince(last)
        last = now
    }

    /// Starts empty.
    public init() {}
}
