import ArgumentParser
import CovgapModel
import CovgapServe
import CovgapSupport
import Foundation

extension Covgap {
    /// `covgap serve`: the intake service, and its token administration.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The intake service: provinces submit dead-zone reviews, carriers fetch and report on work orders, "
                + "analysts publish runs.",
            subcommands: [Start.self, Token.self], defaultSubcommand: Start.self)
    }
}

/// Options naming the service's config and letting a test or operator override its data folder.
struct ServeOptions: ParsableArguments {
    @Option(name: .long, help: "The serve config (YAML).") var config: String = "serve.yaml"
    @Option(name: .long, help: "Data folder (overrides data_dir).") var data: String?

    /// The config with overrides applied.
    func load() throws -> ServeConfig {
        var c = try ConfigLoader.loadServe(path: config)
        if let data { c.dataDir = URL(fileURLWithPath: data).standardizedFileURL.path }
        return c
    }
}

extension Covgap.Serve {
    /// `covgap serve [start]`: runs the server until SIGTERM/SIGINT.
    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the service (prints the address it listens on).")
        @OptionGroup var options: ServeOptions
        @Option(name: .long, help: "Port (overrides listen.port; 0 picks a free one).") var port: Int?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let logger = common.makeLogger()
            var config: ServeConfig
            do {
                config = try options.load()
                if let port { config.port = port }
            } catch let e as InputError {
                logger.error("\(e.description)")
                throw ExitCode(2)
            }
            do {
                try await ServeApp(config: config, logger: logger).run { address in
                    FileHandle.standardOutput.write(Data("covgap serve: listening on \(address)\n".utf8))
                }
            } catch let e as InputError {
                logger.error("\(e.description)")
                throw ExitCode(2)
            }
        }
    }

    /// `covgap serve token create|list|revoke`.
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list and revoke API tokens.", subcommands: [Create.self, List.self, Revoke.self])
    }
}

extension Covgap.Serve.Token {
    /// Runs `body`; a bad input (an unusable data folder, a config error) is printed on stderr and exits 2.
    static func refusingBadInput(_ body: () throws -> Void) throws {
        do { try body() } catch let e as InputError {
            FileHandle.standardError.write(Data("error: \(e.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Creates a token and prints it: the only time it is shown.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a province, a carrier or an analyst; it is printed once.")
        @OptionGroup var options: ServeOptions
        @Option(name: .long, help: "Two-digit province code: the token reaches only that province.") var province:
            String?
        @Option(name: .long, help: "Carrier id as in the runs (e.g. viettel): the token reaches only its orders.")
        var carrier: String?
        @Flag(name: .long, help: "An analyst token: publishes runs and reads everything.") var analyst = false
        @Option(name: .long, help: "A label to recognise the token by.") var label: String?
        @Flag(name: .long, help: "Print as JSON.") var json = false

        func validate() throws {
            let chosen = [province != nil, carrier != nil, analyst].filter { $0 }.count
            guard chosen == 1 else {
                throw ValidationError("give exactly one of --province CODE, --carrier ID, --analyst")
            }
            if let p = province, !(p.count == 2 && p.allSatisfy(\.isNumber)) {
                throw ValidationError("--province takes a two-digit province code, e.g. 11 for Điện Biên")
            }
            if let c = carrier,
                c.isEmpty || !c.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" })
                    || !c.allSatisfy(\.isASCII)
            {
                throw ValidationError(
                    "--carrier takes a carrier id in lowercase ASCII, as the runs name it (e.g. viettel)")
            }
        }

        func run() throws { try Covgap.Serve.Token.refusingBadInput { try create() } }

        private func create() throws {
            let config = try options.load()
            let role: Principal.Role = province != nil ? .province : (carrier != nil ? .carrier : .analyst)
            let made = try TokenStore(ServeDatabase(dataDir: config.dataDir)).create(
                role: role, scope: province ?? carrier ?? "", label: label)
            if json {
                let scope = province ?? carrier ?? ""
                print(
                    "{\"id\": \"\(made.id)\", \"role\": \"\(role.rawValue)\", \"scope\": \"\(scope)\", "
                        + "\"token\": \"\(made.token)\"}")
            } else {
                print(made.token)
                FileHandle.standardError.write(
                    Data(
                        ("token \(made.id) for \(role.rawValue) \(province ?? carrier ?? ""): shown once, only its "
                            + "hash is stored\n").utf8))
            }
        }
    }

    /// Lists tokens (never their secrets).
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens: id, role, scope, label, created, revoked.")
        @OptionGroup var options: ServeOptions

        func run() throws { try Covgap.Serve.Token.refusingBadInput { try list() } }

        private func list() throws {
            for t in try TokenStore(ServeDatabase(dataDir: try options.load().dataDir)).list() {
                print(
                    [
                        t.id, t.role, t.scope.isEmpty ? "-" : t.scope, t.label, t.createdAt,
                        t.revokedAt.map { "revoked " + $0 } ?? "live",
                    ].joined(separator: "\t"))
            }
        }
    }

    /// Revokes a token by id; its requests are refused from then on.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (the part after cg_).")
        @OptionGroup var options: ServeOptions
        @Argument(help: "The token id.") var id: String

        func run() throws { try Covgap.Serve.Token.refusingBadInput { try revoke() } }

        private func revoke() throws {
            guard try TokenStore(ServeDatabase(dataDir: try options.load().dataDir)).revoke(id: id) else {
                FileHandle.standardError.write(Data("no live token \(id)\n".utf8))
                throw ExitCode(2)
            }
            print("revoked \(id)")
        }
    }
}
