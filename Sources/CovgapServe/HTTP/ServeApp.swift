import CovgapAnalysis
import CovgapSupport
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `covgap serve`: opens the store, publishes the configured run when it is not the published one, and serves the
/// API and the page until SIGTERM or SIGINT.
public struct ServeApp: Sendable {
    let config: ServeConfig
    let logger: Logger

    /// A server for `config`, logging to `logger`.
    public init(config: ServeConfig, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// The OpenAPI description shipped with covgap.
    public static func openAPIDocument() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw InputError(
                file: "openapi.yaml", problem: "is missing from covgap's resources", hint: "reinstall covgap")
        }
        return try Data(contentsOf: url)
    }

    /// Runs the server; `onListening` gets the bound address (useful with port 0).
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        let db = try ServeDatabase(dataDir: config.dataDir)
        // Scratch folders of reviews a killed server left behind hold nothing that was stored.
        try? FileManager.default.removeItem(atPath: config.dataDir + "/scratch")
        try? FileManager.default.removeItem(atPath: IntakeService.scratchRoot)
        try FileManager.default.createDirectory(
            atPath: IntakeService.scratchRoot, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: IntakeService.scratchRoot) }
        let service = IntakeService(config: config, database: db)
        try await publishConfiguredRun(service)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))  // method and path only: never headers, so never tokens
        router.add(middleware: SecurityHeadersMiddleware())
        APIRoutes(service: service, openAPI: try ServeApp.openAPIDocument()).add(to: router)
        PageRoutes(service: service).add(to: router)
        // Unknown paths answer through the router too, so they carry the security headers and a JSON body.
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch, .head] {
            router.on("**", method: method) { _, _ in Replies.error(IntakeError.notFound()) }
        }
        let deadlines = (head: config.headerTimeoutSeconds, request: config.requestTimeoutSeconds)
        let idle = TimeAmount.seconds(Int64(config.idleTimeoutSeconds))
        let app = Application(
            router: router,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        ConnectionDeadlines(
                            headSeconds: deadlines.head,
                            requestSeconds: deadlines.request)
                    ],
                    idleTimeout: idle)),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "covgap"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                onListening("http://\(config.host):\(port)")
            }, logger: logger)
        try await app.runService()
    }

    private func publishConfiguredRun(_ service: IntakeService) async throws {
        guard let path = config.run else { return }
        let described: RunDescription
        do { described = try service.checkedRun(path) } catch let e as IntakeError {
            throw InputError(
                file: path, problem: "cannot be published: \(e.message)",
                hint: "fix run: in the serve config, or re-run covgap analyze")
        }
        if let current = try await service.runs.current(), current.run == described { return }
        let p = try await service.runs.publish(described, by: "config")
        let orders = described.workOrderCarriers.joined(separator: ", ")
        let provinces = described.provinces.count
        logger.info("published run \(p.id): \(described.path) (\(provinces) province(s), orders for \(orders))")
    }
}
