import Foundation
import Synchronization

/// Progress of long steps (warping and classifying tiles, distances, simulating): a redrawn bar with rate and ETA on
/// a terminal, a plain line every `interval` seconds elsewhere (CI, pipes, logs), nothing when quiet. Thread-safe:
/// workers tick it concurrently.
public final class ProgressMeter: Sendable {
    public enum Style: Sendable { case bar, lines, silent }

    private struct Step {
        var name = "", unit = "", total = 0, done = 0
        var started = Date(), lastShown = Date.distantPast
    }

    private let style: Style
    private let interval: Double
    private let emit: @Sendable (String) -> Void
    private let state = Mutex(Step())

    /// `emit` receives plain lines (style `.lines`); bars go straight to standard error.
    public init(style: Style, interval: Double = 10, emit: @escaping @Sendable (String) -> Void) {
        self.style = style
        self.interval = interval
        self.emit = emit
    }

    /// A meter that shows nothing.
    public static let silent = ProgressMeter(style: .silent) { _ in }

    /// Starts a step of `total` units (tiles, rasters).
    public func begin(_ name: String, total: Int, unit: String) {
        state.withLock { $0 = Step(name: name, unit: unit, total: total, started: Date()) }
    }

    /// One more unit done.
    public func tick() {
        guard style != .silent else { return }
        let line: String? = state.withLock { s in
            s.done += 1
            let now = Date()
            let due =
                style == .bar
                ? now.timeIntervalSince(s.lastShown) >= 0.1 : now.timeIntervalSince(s.lastShown) >= interval
            guard due || s.done == s.total else { return nil }
            s.lastShown = now
            return render(s, now: now)
        }
        guard let line else { return }
        if style == .bar {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        } else {
            emit(line)
        }
    }

    /// Ends the step (a bar gets its final newline).
    public func end() {
        if style == .bar { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func render(_ s: Step, now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(s.started), 1e-3)
        let rate = Double(s.done) / elapsed
        let eta = rate > 0 ? Double(s.total - s.done) / rate : 0
        let pct = s.total > 0 ? 100 * s.done / s.total : 100
        let figures =
            "\(pct)% (\(s.done)/\(s.total) \(s.unit)), \(String(format: "%.1f", rate)) \(s.unit)/s, ETA "
            + "\(Int(eta.rounded())) s"
        guard style == .bar else { return "\(s.name): \(figures)" }
        let width = 24, filled = s.total > 0 ? width * s.done / s.total : width
        return "\(s.name) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(figures)"
    }
}
