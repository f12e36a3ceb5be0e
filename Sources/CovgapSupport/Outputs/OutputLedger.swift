import Foundation

/// The commands that write an output folder; each folder's manifest names the one that wrote it.
public enum OutputCommand: String, Codable, Sendable, CaseIterable {
    case analyze, review, workorders, diff, simulate

    /// Folders of other commands that may sit inside this command's output (they are derived from it: a review,
    /// the work orders and the diff of a run live in the run's folder).
    var nestedCommands: Set<OutputCommand> { self == .analyze ? [.review, .workorders, .diff] : [] }
}

/// One file a command wrote: its path relative to the output folder, size and SHA-256.
public struct OutputFile: Codable, Sendable, Equatable {
    public let path: String
    public let bytes: Int64
    public let sha256: String

    /// Memberwise: every stored property, in declaration order.
    public init(path: String, bytes: Int64, sha256: String) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// The part of every output folder's `manifest.json` that says which command wrote it and which files it holds; it is
/// how a later run recognises an earlier output it may replace.
public struct OutputLedger: Codable, Sendable {
    public static let fileName = "manifest.json"
    public let command: OutputCommand
    public let outputs: [OutputFile]

    /// The files below `folder` (recursively, sorted, `manifest.json` and `skipping` left out) with sizes and hashes.
    static func files(in folder: URL, skipping: Set<String> = []) throws -> [OutputFile] {
        try FolderListing.files(in: folder).filter { $0 != fileName && !skipping.contains($0) }.map { relative in
            let path = folder.appendingPathComponent(relative).path
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return OutputFile(path: relative, bytes: size, sha256: SHA256.file(path) ?? "")
        }
    }

    /// The ledger of the folder at `url`, nil when it has no readable covgap manifest.
    static func read(in folder: URL) -> OutputLedger? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(OutputLedger.self, from: data)
    }
}

/// A plain manifest for the commands whose folder has no richer one: tool, version, command and files.
struct CommandManifest: Codable {
    let tool: String
    let version: String
    let command: OutputCommand
    let outputs: [OutputFile]
    /// The method and parameters that made the outputs, when the command has a model (simulate's propagation).
    let model: [String: String]?

    /// Writes `manifest.json` into `folder` for `command`, listing `outputs` and the `model` if any.
    static func write(
        command: OutputCommand, outputs: [OutputFile], model: [String: String]? = nil, into folder: URL
    ) throws {
        let m = CommandManifest(
            tool: "covgap", version: CovgapVersion.string, command: command, outputs: outputs, model: model)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(m).write(to: folder.appendingPathComponent(OutputLedger.fileName))
    }
}

/// Lists a folder's entries without following links, for the output checks.
enum FolderListing {
    /// Relative paths of every regular file, link and other non-folder entry below `folder`, sorted.
    static func files(in folder: URL) throws -> [String] {
        var out: [String] = []
        try walk(folder, prefix: "", into: &out)
        return out.sorted()
    }

    /// The entries directly in `folder` (hidden ones included), sorted.
    static func entries(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// True when `path` is a real folder (not a link to one).
    static func isFolder(_ path: String) -> Bool {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else {
            return false
        }
        return type == .typeDirectory
    }

    private static func walk(_ folder: URL, prefix: String, into out: inout [String]) throws {
        for name in try entries(in: folder) {
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            let path = folder.appendingPathComponent(name).path
            if isFolder(path) {
                try walk(folder.appendingPathComponent(name), prefix: relative, into: &out)
            } else {
                out.append(relative)
            }
        }
    }
}
