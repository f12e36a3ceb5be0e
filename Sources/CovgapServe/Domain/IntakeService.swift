import CovgapAnalysis
import CovgapReview
import CovgapSupport
import Foundation
import GDALBridge
import Logging
import Synchronization

/// The intake's operations, shared by the JSON API and the web page. Every method checks access first: data of
/// another province or carrier is answered as not found.
public struct IntakeService: Sendable {
    let config: ServeConfig
    let tokens: TokenStore
    let sessions: SessionStore
    let runs: RunStore
    let submissions: SubmissionStore
    let statuses: StatusStore
    let intake: ReviewIntake
    let books = WorkOrderCache()
    let stamps = VerifiedStamps()

    /// The service over the store in `config.dataDir`.
    public init(config: ServeConfig, database: ServeDatabase) {
        self.config = config
        tokens = TokenStore(database)
        sessions = SessionStore(db: database, lifetimeSeconds: config.sessionSeconds)
        runs = RunStore(db: database)
        submissions = SubmissionStore(db: database)
        statuses = StatusStore(db: database)
        intake = ReviewIntake(
            settings: config.review, gate: WorkGate(width: config.reviewWorkers),
            scratchRoot: IntakeService.scratchRoot)
    }

    /// Where uploads are written for GDAL to read: a private folder of this process outside the data folder, so
    /// nothing GDAL opens ever lies beside the store.
    static let scratchRoot = FileManager.default.temporaryDirectory
        .appendingPathComponent("covgap-serve-\(ProcessInfo.processInfo.processIdentifier)").path

    /// A two-digit province code, or nil (then the province "does not exist").
    static func provinceCode(_ text: String) -> String? {
        text.count == 2 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) ? text : nil
    }

    /// The published run, refusing with 409 before any is published or when its folder changed on disk since.
    func publishedRun() async throws -> RunStore.Published {
        guard let run = try await runs.current() else {
            throw IntakeError(
                status: .conflict, message: "no run is published yet",
                hint: "an analyst publishes one with POST /api/v1/runs",
                vi: "chưa có lần chạy nào được công bố;"
                    + " Cục Viễn thông cần công bố một lần chạy")
        }
        let changed =
            run.run.files.isEmpty
            ? (RunDescription.manifestSHA256(runPath: run.run.path) == run.run.manifestSHA256 ? nil : "manifest.json")
            : run.run.firstChangedFile(unchanged: stamps.seen, confirmed: stamps.remember)
        if let changed {
            throw IntakeError(
                status: .conflict, message: "the published run's \(changed) has changed on disk since it was published",
                hint: "an analyst must publish the run again",
                vi:
                    "tệp \(changed) của lần chạy đã công bố đã bị thay đổi sau khi công bố;"
                    + " Cục Viễn thông cần công bố lại"
            )
        }
        return run
    }

    // MARK: reviews

    /// A stored submission and its review.
    struct Submitted: Sendable {
        let record: SubmissionStore.Record
        let summary: ReviewSummary
    }

    /// The province an upload is for, checked before its body is read: 404 for another's, 403 for a reader who may not
    /// submit.
    func submitTarget(_ p: Principal, province text: String) throws -> String {
        guard let code = IntakeService.provinceCode(text), p.readsProvince(code) else { throw IntakeError.notFound() }
        guard p.submitsFor(code) else {
            throw IntakeError.forbidden("submit a province's review (only its own staff can)")
        }
        return code
    }

    /// Validates, reviews and stores a province's upload; the province's own staff only.
    func submit(
        _ p: Principal, province text: String, body: Data, mediaType: String?, filename: String?
    ) async throws -> Submitted {
        let code = try submitTarget(p, province: text)
        let run = try await publishedRun()
        guard run.run.provinces[code] != nil else {
            throw IntakeError(
                status: .unprocessableContent, message: "the published run (\(run.id)) does not cover province \(code)",
                hint: "the ministry must publish a run that includes the province")
        }
        let format = UploadCheck.format(of: body, mediaType: mediaType)
        let name = filename.map(IntakeService.safeFilename) ?? "submission.\(format.rawValue)"
        let results = try await intake.review(
            body, format: format, filename: name, province: code, runPath: run.run.path)
        let record = try await submissions.insert(
            .init(
                province: code, runId: run.id, tokenId: p.tokenId, filename: name,
                mediaType: format == .csv ? "text/csv" : "application/geo+json", body: body,
                sha256: SHA256.hex(body), results: results))
        return Submitted(record: record, summary: results.summary)
    }

    /// A province's submissions, newest first.
    func listSubmissions(_ p: Principal, province text: String) async throws -> [Submitted] {
        guard let code = IntakeService.provinceCode(text), p.readsProvince(code) else { throw IntakeError.notFound() }
        return try await submissions.list(province: code).map {
            Submitted(record: $0.0, summary: try IntakeService.summary($0.1))
        }
    }

    /// One submission of a province.
    func submission(_ p: Principal, province text: String, id: String) async throws -> Submitted {
        guard let code = IntakeService.provinceCode(text), p.readsProvince(code),
            let (record, summary) = try await submissions.get(province: code, id: id)
        else { throw IntakeError.notFound() }
        return Submitted(record: record, summary: try IntakeService.summary(summary))
    }

    /// One stored file of a submission.
    func artifact(_ p: Principal, province text: String, id: String, _ a: SubmissionStore.Artifact) async throws -> Data
    {
        guard let code = IntakeService.provinceCode(text), p.readsProvince(code),
            let data = try await submissions.artifact(province: code, id: id, a)
        else { throw IntakeError.notFound() }
        return data
    }

    private static func summary(_ json: Data) throws -> ReviewSummary {
        try JSONDecoder().decode(ReviewSummary.self, from: json)
    }

    /// A client's file name reduced to a safe one: letters, digits, dot, dash, underscore; at most 100 characters.
    static func safeFilename(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(
            last.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
                .prefix(100))
        return kept.isEmpty || kept.hasPrefix(".") ? "submission" + kept : kept
    }

    // MARK: work orders

    /// A carrier's orders (`areas`: their dead-zone polygons) as GeoJSON with current statuses, and its ETag.
    func workOrders(_ p: Principal, carrier: String, areas: Bool = false) async throws -> (data: Data, etag: String) {
        let (run, book) = try await carrierBook(p, carrier: carrier)
        guard !areas || book.hasAreas(carrier: carrier) else { throw IntakeError.notFound() }
        // Read the version before the statuses: a change in between only makes the next request render again.
        let version = try await statuses.version(carrier: carrier)
        let statuses = self.statuses
        return try await books.download(
            carrier: carrier, file: areas ? "areas" : "points", run: run.id, version: version
        ) {
            try book.geoJSON(
                carrier: carrier, latest: try await statuses.latest(carrier: carrier)[carrier] ?? [:], areas: areas)
        }
    }

    /// What the carriers' page shows: the carrier's name, its orders in the published run and each one's newest event.
    func board(_ p: Principal, carrier: String) async throws -> CarrierBoard {
        let (run, book) = try await carrierBook(p, carrier: carrier)
        return CarrierBoard(
            carrier: carrier, name: run.run.displayName(carrier), names: run.run.carrierNames, runId: run.id,
            orders: book.orders[carrier] ?? [],
            latest: try await statuses.latest(carrier: carrier)[carrier] ?? [:],
            hasAreas: book.hasAreas(carrier: carrier))
    }

    /// The published run, when `p` may read carrier `carrier`'s orders and `order` is one of them (else 404).
    private func carrierOrder(_ p: Principal, carrier: String, order: String) async throws -> RunStore.Published {
        let (run, book) = try await carrierBook(p, carrier: carrier)
        guard book.has(carrier: carrier, order: order) else { throw IntakeError.notFound() }
        return run
    }

    /// The published run and its work-order book, when `p` may read carrier `carrier`'s orders and it has some.
    private func carrierBook(_ p: Principal, carrier: String) async throws -> (RunStore.Published, WorkOrderBook) {
        guard p.readsCarrier(carrier) else { throw IntakeError.notFound() }
        let run = try await publishedRun()
        guard run.run.workOrderCarriers.contains(carrier) else { throw IntakeError.notFound() }
        return (run, try await books.book(for: run))
    }

    /// The statuses an order may be set to.
    static let settableStatuses = ["in_progress", "on_air", "disputed"]

    /// Records a status change on one of the carrier's orders; the carrier itself only.
    func report(_ p: Principal, carrier: String, order: String, change: StatusChange) async throws -> StatusStore.Event
    {
        guard p.readsCarrier(carrier) else { throw IntakeError.notFound() }
        guard p.reportsFor(carrier) else {
            throw IntakeError.forbidden("report work-order status (only the carrier can)")
        }
        let run = try await carrierOrder(p, carrier: carrier, order: order)
        try change.validate(runDay: String(run.publishedAt.prefix(10)))
        return try await statuses.append(
            carrier: carrier, workOrderId: order, status: change.status, onAirDate: change.date,
            measurement: try change.measurementText(), reason: change.reason, runId: run.id, tokenId: p.tokenId)
    }

    /// The history of one of the carrier's orders, oldest first.
    func history(_ p: Principal, carrier: String, order: String) async throws -> [StatusStore.Event] {
        _ = try await carrierOrder(p, carrier: carrier, order: order)
        return try await statuses.history(carrier: carrier, workOrderId: order)
    }

    // MARK: runs and progress

    /// Publishes a finished run folder (analysts only), after reading every file of it the service will use.
    func publish(_ p: Principal, path: String) async throws -> RunStore.Published {
        guard p.role == .analyst else { throw IntakeError.forbidden("publish runs (analysts only)") }
        return try await runs.publish(try checkedRun(path), by: p.tokenId)
    }

    /// The run at `path` as it would be published: a 422 naming the file for anything that is not a complete covgap run
    /// (missing or linked files, missing fields, wrong types, damaged work orders) or that lies in the data folder.
    func checkedRun(_ path: String) throws -> RunDescription {
        let hint = "give the server-side path of a finished covgap run folder"
        let described: RunDescription
        do { described = try RunDescription.read(path: path) } catch let e as InputError {
            throw IntakeError(status: .unprocessableContent, message: e.description, hint: hint)
        } catch {
            throw IntakeError(status: .unprocessableContent, message: "\(path): \(error)", hint: hint)
        }
        let data = SystemCalls.realPath(config.dataDir) ?? config.dataDir
        guard described.path != data, !described.path.hasPrefix(data + "/") else {
            throw IntakeError(
                status: .unprocessableContent, message: "\(described.path) overlaps the service's data folder",
                hint: hint)
        }
        _ = try WorkOrderBook(
            runId: 0, runPath: described.path, carriers: described.workOrderCarriers,
            areaCarriers: described.workOrderAreaCarriers)
        return described
    }

    /// Every published run (analysts only).
    func listRuns(_ p: Principal) async throws -> [RunStore.Published] {
        guard p.role == .analyst else { throw IntakeError.forbidden("list runs (analysts only)") }
        return try await runs.list()
    }

    /// Open, in-progress, on-air, disputed and overdue orders per province and carrier (analysts only).
    func progress(
        _ p: Principal, asOf: String?
    ) async throws -> (runId: Int64, asOf: String, lines: [ProgressView.Line]) {
        guard p.role == .analyst else { throw IntakeError.forbidden("read the progress view (analysts only)") }
        let day = asOf ?? ServeDatabase.today()
        guard StatusChange.isDay(day) else { throw IntakeError.bad("as_of must be a date YYYY-MM-DD") }
        let run = try await publishedRun()
        let book = try await books.book(for: run)
        return (run.id, day, ProgressView.lines(book: book, latest: try await statuses.latest(carrier: nil), asOf: day))
    }
}

/// File stamps already confirmed to hold a published run's content, so that each request checks the run's files with a
/// stat each and hashes only a file whose stamp it has not seen (after a restart, a touch, a copy back).
final class VerifiedStamps: Sendable {
    private let stamps = Mutex<[String: SystemCalls.FileStamp]>([:])

    /// Whether `stamp` is the one last confirmed for `path`.
    func seen(_ path: String, _ stamp: SystemCalls.FileStamp) -> Bool { stamps.withLock { $0[path] == stamp } }

    /// Records that `path` with `stamp` holds the published content.
    func remember(_ path: String, _ stamp: SystemCalls.FileStamp) { stamps.withLock { $0[path] = stamp } }
}
