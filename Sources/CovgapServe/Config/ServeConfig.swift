import CovgapModel
import CovgapReview
import CovgapSupport
import Foundation
import Yams

/// The settings of `covgap serve`, read from its YAML file (see the README's "Intake service" section).
public struct ServeConfig: Sendable {
    /// Address to listen on; loopback unless the operator opens it deliberately.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free one (printed on start).
    public var port = 8080
    /// Seconds a client has to send a request's head after connecting or after the previous response.
    public var headerTimeoutSeconds = 10
    /// Seconds a client has to send the rest of a request (its body) after the head.
    public var requestTimeoutSeconds = 120
    /// Seconds a connection may sit idle before the server closes it.
    public var idleTimeoutSeconds = 60
    /// Marks the page's login cookie `Secure`, for a server behind a TLS proxy (browsers then send it over HTTPS only).
    public var secureCookies = false
    /// Folder of the SQLite store (covgap.sqlite, WAL) and of reviews in progress (scratch/, emptied at start).
    public var dataDir: String
    /// Largest request body accepted, bytes; larger ones are refused with 413 before they are read whole.
    public var maxUploadBytes = 10 * 1024 * 1024
    /// A finished run folder to publish at start when it is not already the published one.
    public var run: String?
    /// How long a web-page login lasts, seconds.
    public var sessionSeconds = 8 * 3600
    /// Reviews run at once (each is CPU-bound GDAL work); further ones wait.
    public var reviewWorkers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// The thresholds a review applies, as `covgap review`'s options.
    public var review = ReviewSettings()

    /// Settings with the data folder at `dataDir` and every other value at its default.
    public init(dataDir: String) { self.dataDir = dataDir }
}

extension ConfigLoader {
    /// Loads a `covgap serve` config; relative paths resolve against the file's folder.
    public static func loadServe(path: String) throws -> ServeConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw InputError(
                file: path, problem: "config file not found or not UTF-8 text",
                hint: "give the path of a covgap serve YAML config")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw InputError(file: path, problem: "is not valid YAML: \(error)")
        }
        guard let root else {
            throw InputError(file: path, problem: "is empty", hint: "see the intake service section of the README")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path
        }

        let doc = try YAMLSection(root, file: path, path: "")
        try doc.rejectUnknownKeys([
            "listen", "data_dir", "max_upload_mb", "run", "session_hours", "review_workers", "review",
        ])
        var c = ServeConfig(dataDir: resolve(try doc.requiredString("data_dir")))
        if let l = try doc.section("listen") {
            try l.rejectUnknownKeys([
                "host", "port", "header_timeout_s", "request_timeout_s", "idle_timeout_s", "secure_cookies",
            ])
            c.host = try l.string("host") ?? c.host
            c.port = try l.int("port") ?? c.port
            guard (0...65535).contains(c.port) else {
                throw l.fail("port", l.node("port"), "port must be from 0 to 65535")
            }
            for (key, path) in [
                ("header_timeout_s", \ServeConfig.headerTimeoutSeconds), ("request_timeout_s", \.requestTimeoutSeconds),
                ("idle_timeout_s", \.idleTimeoutSeconds),
            ] {
                guard let v = try l.int(key) else { continue }
                guard (1...3600).contains(v) else { throw l.fail(key, l.node(key), "must be from 1 to 3600 seconds") }
                c[keyPath: path] = v
            }
            c.secureCookies = try l.bool("secure_cookies") ?? c.secureCookies
        }
        if let mb = try doc.double("max_upload_mb") {
            guard mb > 0, mb <= 1024 else {
                throw doc.fail("max_upload_mb", doc.node("max_upload_mb"), "must be above 0 and at most 1024")
            }
            c.maxUploadBytes = Int(mb * 1024 * 1024)
        }
        c.run = try doc.string("run").map(resolve)
        if let h = try doc.double("session_hours") {
            guard h > 0 else { throw doc.fail("session_hours", doc.node("session_hours"), "must be above 0") }
            c.sessionSeconds = Int(h * 3600)
        }
        if let w = try doc.int("review_workers") {
            guard (1...256).contains(w) else {
                throw doc.fail("review_workers", doc.node("review_workers"), "must be from 1 to 256")
            }
            c.reviewWorkers = w
        }
        if let r = try doc.section("review") {
            try r.rejectUnknownKeys(["commune_tolerance_m", "duplicate_m", "match_m", "min_population"])
            c.review.communeToleranceMetres = try r.double("commune_tolerance_m") ?? c.review.communeToleranceMetres
            c.review.duplicateMetres = try r.double("duplicate_m") ?? c.review.duplicateMetres
            c.review.matchMetres = try r.double("match_m") ?? c.review.matchMetres
            c.review.minPopulation = try r.int("min_population") ?? c.review.minPopulation
        }
        return c
    }
}
