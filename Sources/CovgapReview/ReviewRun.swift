import CovgapAnalysis
import CovgapGrid
import CovgapModel
import CovgapSupport
import Foundation
import GDALBridge
import Logging

/// `covgap review`: validates one province's dead-zone submission against a finished run, reconciles every accepted row
/// with the model, and lists what the model finds that the province did not report. Accepted + rejected = rows read.
public struct ReviewRun {
    public let runPath: String
    public let submissionPath: String
    public let outputPath: String?
    public let settings: ReviewSettings
    public let logger: Logger

    /// A review of `submissionPath` against the run at `runPath`, written to `outputPath` (default
    /// RUN/review_<province>).
    public init(runPath: String, submissionPath: String, outputPath: String?, settings: ReviewSettings, logger: Logger)
    {
        self.runPath = runPath
        self.submissionPath = submissionPath
        self.outputPath = outputPath
        self.settings = settings
        self.logger = logger
    }

    /// Runs the review; returns the summary (also written as summary.json and summary.txt).
    public func run() throws -> ReviewSummary {
        GDALRuntime.initialize()
        var clock = StepClock()
        let run = try RunFolder(path: runPath)
        let rows = try SubmissionReader.read(submissionPath)
        clock.mark("read")
        let province = try chooseProvince(rows, run: run)
        var validator = try RowValidator(run: run, province: province, settings: settings)
        var accepted: [RowValidator.Accepted] = [], rejected: [RejectedRow] = []
        for r in rows {
            switch validator.check(r) {
            case let .accepted(a): accepted.append(a)
            case let .rejected(x): rejected.append(x)
            }
        }
        clock.mark("validate")
        let reconciled = try reconcile(accepted, run: run)
        clock.mark("reconcile")
        let unreported = Unreported(run: run, province: province, settings: settings).find(accepted)
        clock.mark("unreported")
        let summary = ReviewSummary(
            province: province, rowsRead: rows.count, rejected: rejected, reconciled: reconciled, unreported: unreported
        )
        let guardian = OutputGuard(
            command: .review,
            inputs: [
                .init(role: "run", path: runPath),
                .init(role: "submission", path: submissionPath),
            ])
        let staging = try OutputStaging(target: outputPath ?? runPath + "/review_\(province)", guard: guardian)
        do {
            try ReviewWriter(run: run).write(
                rejected: rejected, reconciled: reconciled, unreported: unreported, summary: summary, into: staging)
            try staging.commitWithManifest()
        } catch {
            throw staging.abandon(after: error)
        }
        clock.mark("write")
        logger.debug(
            "review timings (s): \(clock.summary)"
        )
        return summary
    }

    /// The province under review: the one asked for, else the one most rows name; it must be in the run.
    private func chooseProvince(_ rows: [SubmissionRow], run: RunFolder) throws -> String {
        let inRun = Set(run.communes.map(\.provinceCode))
        var chosen = settings.province.map { NameKey.code($0, width: 2) }
        if chosen == nil {
            let counts = Dictionary(rows.map { (NameKey.code($0.provinceCode, width: 2), 1) }, uniquingKeysWith: +)
                .filter { !$0.key.isEmpty }
            chosen = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        guard let province = chosen else {
            throw InputError(
                file: submissionPath, problem: "no row names a province", hint: "fill province_code or pass --province",
                vi: "không dòng nào ghi mã tỉnh; điền cột province_code")
        }
        guard inRun.contains(province) else {
            throw InputError(
                file: submissionPath,
                problem: "is for province \(province), which the run at \(runPath) does not cover",
                hint:
                    "the run covers province(s) \(inRun.sorted().joined(separator: ", ")); review against a run that "
                    + "includes \(province)",
                vi: "danh sách là của tỉnh \(province), lần chạy đã công bố không có tỉnh này"
            )
        }
        return province
    }

    /// The model at each accepted row's place: class, carriers covering, not-spot share, nearest dead zone; the
    /// verdict.
    private func reconcile(_ accepted: [RowValidator.Accepted], run: RunFolder) throws -> [ReconciledRow] {
        let villages = accepted.map {
            Village(
                row: $0.row.row, code: String($0.row.row), name: $0.row.villageName, lon: $0.lon, lat: $0.lat,
                givenCommuneCode: nil,
                households: nil, hasGridPower: nil, especiallyDifficultArea: nil)
        }
        let weak =
            run.config.villages
            ?? VillageInput(
                path: "", layer: nil, codeField: "", nameField: "", communeCodeField: "", householdsField: "",
                gridPowerField: "", difficultAreaField: "", lonField: "", latField: "", explicitKeys: [],
                weakShare: 0.2, weakRadiusMetres: 500)
        let classifier = VillageClassifier(
            grid: run.grid, gridCRS: run.gridCRS, communes: run.communes, carriers: run.carriers,
            scopes: run.scopes, settings: weak)
        let models = try classifier.classify(
            villages, coverBitsPath: run.coverageBitsPath, communesPath: run.communesRasterPath, requireCommune: false)
        var zoneIndex: [String: SpatialIndex<Int>] = [:]
        for (i, z) in run.deadZones.enumerated() {
            let e = z.polygon.envelope
            zoneIndex[z.technology, default: SpatialIndex(cell: 2000)].insert(i, box: e)
        }
        return zip(accepted, models).map { a, m in
            let s = TechnologyScope(a.technology).index
            let covering = m.carriersAtCentre[s]
            let withLayers = run.carriers.indices.filter { run.scopes.has(carrier: $0, scope: s) }.map {
                run.carriers[$0]
            }
            let cls = m.classes[s] ?? .outside
            let verdict: Verdict =
                cls == .white || cls == .weak
                ? .confirmed : (Set(withLayers).isSubset(of: covering) ? .modelCovered : .partial)
            return ReconciledRow(
                row: a.row, provinceCode: a.commune.provinceCode, commune: a.commune, technology: a.technology,
                lon: a.lon, lat: a.lat,
                locatedCommune: a.located, verdict: verdict, modelClass: cls, covering: covering,
                notCovering: withLayers.filter { !covering.contains($0) }, notspotShare: m.notspotShare[s],
                nearestZone: nearest(zoneIndex[a.technology.rawValue], run: run, x: a.x, y: a.y))
        }
    }

    /// The closest dead zone of an index to (x, y), searching outwards to 50 km.
    private func nearest(_ index: SpatialIndex<Int>?, run: RunFolder, x: Double, y: Double) -> (id: String, km: Double)?
    {
        guard let index else { return nil }
        let point = Geometry(pointX: x, y: y)
        var radius = 2000.0
        while radius <= 50_000 {
            let found = index.near(x: x, y: y, radius: radius).map {
                (run.deadZones[$0].id, run.deadZones[$0].polygon.distance(to: point))
            }
            .filter { $0.1 <= radius }.min { ($0.1, $0.0) < ($1.1, $1.0) }
            if let found { return (found.0, found.1 / 1000) }
            radius *= 2
        }
        return nil
    }
}
