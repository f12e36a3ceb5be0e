@testable import CovgapAnalyze
@testable import CovgapModel
@testable import CovgapPlanning
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The demo run the service tests publish: Điện Biên's real communes, coverage simulated at 300 m from the synthetic
/// sites, analyzed at 100 m without the sharing step, and its work orders. Built once per test process.
public enum ServeDemoRun {
    public static let built: Result<String, Error> = Result {
        let f = try Fixture()
        keep.append(f)
        try DemoScenario.prepare(f)
        var text = try String(contentsOfFile: f.path("config.yaml"), encoding: .utf8)
        // The sharing step (masts, clusters, corridors) is not what these tests are about: drop sites: and sharing:.
        if let a = text.range(of: "\nsites:"), let b = text.range(of: "\nworkorders:") {
            text.removeSubrange(a.lowerBound..<b.lowerBound)
        }
        try text.write(toFile: f.path("config.yaml"), atomically: true, encoding: .utf8)
        var cfg = try ConfigLoader.load(path: f.path("config.yaml"))
        cfg.output = f.path("run")
        _ = try AnalysisRun(config: cfg, threads: 2, logger: .init(label: "test")).run()
        _ = try WorkOrderRun(runPath: f.path("run"), logger: .init(label: "test")).run()
        return f.path("run")
    }
    public nonisolated(unsafe) static var keep: [Fixture] = []

    /// The run folder, or the error that building it raised.
    public static func path() throws -> String { try built.get() }

    public static let submission = DemoScenario.geodata + "/review_submission_11_synthetic.csv"
}

/// A `covgap serve` process on a free loopback port, with its own data folder; stopped when released.
// @unchecked: only send() runs concurrently, and it touches immutable state
public final class ServeProcess: @unchecked Sendable {
    public let process = Process()
    public let base: String
    /// The loopback port it listens on.
    public var port: Int { Int(base.split(separator: ":").last ?? "") ?? 0 }
    /// The test's folder: the config and scratch files; the service's data folder is `data` inside it.
    public let workDir: String
    public let dataDir: String
    public let configPath: String
    private let stdout = Pipe(), stderr = Pipe()

    /// Starts the server with a config naming `runPath` (nil: no run published) and `maxUploadMB`; waits until it
    /// listens.
    /// `listen` adds keys to the config's `listen:` section (e.g. ", header_timeout_s: 2").
    /// `quiet: false` keeps the server's info and notice lines (read them with `standardError()` after `stop()`).
    public init(
        runPath: String?, workDir: String? = nil, maxUploadMB: Double = 1, workers: Int = 2, listen: String = "",
        quiet: Bool = true
    ) throws {
        let dir =
            workDir
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("covgap-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.workDir = dir
        dataDir = dir + "/data"
        configPath = dir + "/serve.yaml"
        var yaml =
            "listen: {host: 127.0.0.1, port: 0\(listen)}\ndata_dir: \(dataDir)\nmax_upload_mb: \(maxUploadMB)\nreview_workers: \(workers)\n"
        if let runPath { yaml += "run: \(runPath)\n" }
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: CovgapCLI.binary)
        process.arguments = ["serve", "--config", configPath] + (quiet ? ["--quiet"] : [])
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        base = try ServeProcess.waitForAddress(stdout.fileHandleForReading, process: process)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    private static func waitForAddress(_ handle: FileHandle, process: Process) throws -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty {
                guard process.isRunning else { break }
                continue
            }
            text += String(decoding: chunk, as: UTF8.self)
            if let r = text.range(of: "listening on ") {
                let rest = text[r.upperBound...]
                if let nl = rest.firstIndex(of: "\n") { return String(rest[..<nl]) }
            }
        }
        throw ExternalTools.Failure(description: "covgap serve did not start: \(text)")
    }

    /// Kills the server with SIGKILL (no chance to flush or clean up) and waits for it to be gone.
    public func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Everything the server wrote to stderr; call after it stopped.
    public func standardError() -> String {
        String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Stops the server with SIGTERM and waits.
    public func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// Creates a token through the CLI, as an operator would; returns (id, token).
    public func token(_ args: [String]) throws -> (id: String, token: String) {
        let r = try ExternalTools.capture(
            CovgapCLI.binary, ["serve", "token", "create", "--config", configPath, "--json"] + args)
        guard r.code == 0, let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String],
            let id = obj["id"], let token = obj["token"]
        else { throw ExternalTools.Failure(description: "token create failed: \(r.stderr)") }
        return (id, token)
    }

    /// Revokes a token through the CLI.
    public func revoke(_ id: String) throws {
        let r = try ExternalTools.capture(CovgapCLI.binary, ["serve", "token", "revoke", "--config", configPath, id])
        guard r.code == 0 else { throw ExternalTools.Failure(description: "revoke failed: \(r.stderr)") }
    }

    /// One HTTP exchange over loopback.
    public func send(
        _ method: String, _ path: String, token: String? = nil, body: Data? = nil, type: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> HTTPReply {
        var req = URLRequest(url: URL(string: base + path)!)
        req.httpMethod = method
        req.timeoutInterval = 120
        if let token { req.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let type { req.setValue(type, forHTTPHeaderField: "Content-Type") }
        for (k, v) in headers { req.setValue(v, forHTTPHeaderField: k) }
        req.httpBody = body
        let (data, response) = try await ServeProcess.session.data(for: req)
        let http = response as! HTTPURLResponse
        var h: [String: String] = [:]
        for (k, v) in http.allHeaderFields { h[String(describing: k).lowercased()] = String(describing: v) }
        return HTTPReply(status: http.statusCode, headers: h, body: data)
    }

    public static let session: URLSession = {
        let c = URLSessionConfiguration.ephemeral
        c.httpMaximumConnectionsPerHost = 64
        c.requestCachePolicy = .reloadIgnoringLocalCacheData
        c.urlCache = nil
        return URLSession(configuration: c)
    }()
}

/// A raw TCP connection to a loopback port, closed when released.
public final class LoopbackSocket {
    public let fd: Int32

    public init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw ExternalTools.Failure(description: "connect to 127.0.0.1:\(port) failed")
        }
    }

    deinit { close(fd) }

    /// Writes every byte (or as many as the peer takes before it goes away).
    public func write(_ bytes: Data) {
        bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                sent += n
            }
        }
    }
}

/// A response as the tests see it.
public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data
    public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    public var object: [String: Any] { json as? [String: Any] ?? [:] }
    public var text: String { String(decoding: body, as: UTF8.self) }
}
