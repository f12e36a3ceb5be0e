import CovgapReview
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// What a review produced, as bytes to store and send.
struct ReviewResults: Sendable {
    let summary: ReviewSummary
    let summaryJSON: Data
    let rejectedCSV: Data
    let reconciledCSV: Data
    let reconciledGeoJSON: Data
    let unreportedCSV: Data
}

/// Runs `covgap review`'s own validation and reconciliation on an uploaded body, in a scratch folder that is removed
/// afterwards. The review is CPU-bound GDAL work: it runs on a worker thread, at most `gate`'s width at once.
struct ReviewIntake: Sendable {
    let settings: ReviewSettings
    let gate: WorkGate
    let scratchRoot: String

    /// Checks that `body` is well-formed, then reviews it for province `code` against the run at `runPath`. Both run
    /// inside the gate: parsing a large upload costs memory too, so a burst of uploads is bounded by the gate's width.
    func review(
        _ body: Data, format: UploadCheck.Format, filename: String, province code: String, runPath: String
    ) async throws -> ReviewResults {
        try await gate.run {
            try UploadCheck.check(body, as: format)
            return try ReviewIntake.reviewNow(
                body, format: format, filename: filename, province: code, runPath: runPath, settings: settings,
                scratchRoot: scratchRoot)
        }
    }

    private static func reviewNow(
        _ body: Data, format: UploadCheck.Format, filename: String, province code: String, runPath: String,
        settings: ReviewSettings, scratchRoot: String
    ) throws -> ReviewResults {
        let dir = scratchRoot + "/review-" + TokenStore.randomHex(bytes: 8)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/submission." + format.rawValue
        try body.write(to: URL(fileURLWithPath: input))
        var s = settings
        s.province = code
        var logger = Logger(label: "covgap.review")
        logger.logLevel = .error
        let summary: ReviewSummary
        do {
            summary = try ReviewRun(
                runPath: runPath, submissionPath: input, outputPath: dir + "/out", settings: s, logger: logger
            ).run()
        } catch let e as InputError {
            // The scratch path means nothing to the province: name their file instead.
            let location = e.location.isEmpty ? [] : [e.location]
            throw IntakeError.bad(
                e.problem.replacingOccurrences(of: input, with: filename), hint: e.hint, reasons: location,
                vi: e.vi?.replacingOccurrences(of: input, with: filename), reasonsVI: e.vi == nil ? nil : [])
        }
        func read(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: dir + "/out/" + name)) }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ReviewResults(
            summary: summary, summaryJSON: try e.encode(summary), rejectedCSV: try read("rejected.csv"),
            reconciledCSV: try read("reconciled.csv"), reconciledGeoJSON: try read("reconciled.geojson"),
            unreportedCSV: try read("unreported.csv"))
    }
}

/// At most `width` blocking jobs at once, each on its own thread off Swift's cooperative pool; the rest wait in order.
actor WorkGate {
    private let width: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A gate letting `width` jobs through at once.
    init(width: Int) { self.width = max(1, width) }

    /// Runs `job` on a worker thread once a slot is free.
    nonisolated func run<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
        await enter()
        defer { Task { await self.leave() } }
        return try await withCheckedThrowingContinuation { c in
            Thread.detachNewThread {
                let result = Result { try job() }
                SystemCalls.releaseFreedMemory()
                c.resume(with: result)
            }
        }
    }

    private func enter() async {
        if running < width {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
