import Foundation

/// Decides whether a command may write its output folder at a path, so that nothing a user had is ever lost: only a
/// path that does not exist, an empty folder, or an earlier output of the same command that holds nothing the command
/// did not write (every file listed in its manifest, unchanged). A folder that is or holds an input never qualifies.
public struct OutputGuard: Sendable {
    /// One input of the command: what it is ("config", "coverage viettel 4G", "submission") and its path.
    public struct Input: Sendable {
        public let role: String
        public let path: String
        public init(role: String, path: String) { self.role = role; self.path = path }
    }

    public let command: OutputCommand
    public let inputs: [Input]

    /// A guard for `command`, which reads `inputs`.
    public init(command: OutputCommand, inputs: [Input]) {
        self.command = command
        self.inputs = inputs
    }

    /// Throws an InputError naming the folder and what is in it unless `target` may be written. `deep` also compares
    /// each listed file's SHA-256 (a changed output is the user's edit, and is kept).
    public func check(_ target: String, deep: Bool = true) throws {
        let url = OutputGuard.resolved(target)
        try refuseInputs(in: url, given: target)
        guard FileManager.default.fileExists(atPath: url.path) || OutputGuard.isLink(url.path) else { return }
        guard FolderListing.isFolder(url.path) else {
            throw refusal(target, "is a file, not a folder", hint: "choose a new or empty folder for the output")
        }
        let entries = try FolderListing.entries(in: url)
        if entries.isEmpty { return }
        guard let ledger = OutputLedger.read(in: url), ledger.command == command else {
            throw refusal(
                target,
                "is not an earlier output of covgap \(command.rawValue): it holds \(OutputGuard.sample(entries))",
                hint: "choose a new or empty folder for the output")
        }
        if let stray = try strayFile(in: url, ledger: ledger, allowed: command.nestedCommands, deep: deep) {
            if let open = OutputGuard.lockedOutput(stray) {
                throw refusal(
                    target, "holds \(stray): \(open) is open in LibreOffice or Excel, which keeps that lock file",
                    hint: "close \(open) there, then run again")
            }
            throw refusal(
                target, "holds \(stray), which covgap \(command.rawValue) did not write there (or which changed since)",
                hint: "move it out, or choose a new or empty folder for the output")
        }
    }

    /// The first entry of an earlier output that its ledger does not account for, or nil when every one is accounted.
    private func strayFile(
        in folder: URL, ledger: OutputLedger, allowed nested: Set<OutputCommand>, deep: Bool
    ) throws -> String? {
        let listed = Dictionary(ledger.outputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var nestedFolders: [String] = []
        for name in try FolderListing.entries(in: folder)
        where FolderListing.isFolder(folder.appendingPathComponent(name).path) {
            let sub = folder.appendingPathComponent(name)
            if let inner = OutputLedger.read(in: sub), nested.contains(inner.command),
                try strayFile(in: sub, ledger: inner, allowed: [], deep: deep) == nil
            {
                nestedFolders.append(name + "/")
            }
        }
        for relative in try FolderListing.files(in: folder) where relative != OutputLedger.fileName {
            if nestedFolders.contains(where: { relative.hasPrefix($0) }) { continue }
            let path = folder.appendingPathComponent(relative).path
            if OutputGuard.isSidecar(relative, of: listed), !OutputGuard.isLink(path) { continue }
            guard let file = listed[relative], !OutputGuard.isLink(path) else { return relative }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
            if size != file.bytes || (deep && SHA256.file(path) != file.sha256) { return relative }
        }
        return nil
    }

    /// GDAL's statistics sidecar of a listed output (`coverage_bits.tif.aux.xml`), which GDAL and QGIS write beside
    /// any raster they open: derived from the output, it goes when the output is replaced.
    static func isSidecar(_ relative: String, of listed: [String: OutputFile]) -> Bool {
        relative.hasSuffix(".aux.xml") && listed[String(relative.dropLast(".aux.xml".count))] != nil
    }

    /// The file a spreadsheet program's lock file stands for (LibreOffice's `.~lock.<name>#`, Excel's `~$<name>`, which
    /// Excel shortens by two characters for long names), or nil for any other file. The output stays refused while it
    /// is open: replacing a workbook someone is editing would lose what they type next.
    static func lockedOutput(_ relative: String) -> String? {
        let folder = (relative as NSString).deletingLastPathComponent
        let name = (relative as NSString).lastPathComponent
        let joined = { (file: String) in folder.isEmpty ? file : folder + "/" + file }
        if name.hasPrefix(".~lock."), name.hasSuffix("#") { return joined(String(name.dropFirst(7).dropLast())) }
        if name.hasPrefix("~$"), name.count > 2 { return joined("…" + name.dropFirst(2)) }
        return nil
    }

    /// Refuses a target that is an input, or a folder holding one (at any depth), or the folder of one.
    private func refuseInputs(in target: URL, given: String) throws {
        let t = target.path
        for input in inputs {
            let p = OutputGuard.resolved(input.path).path
            guard p == t || p.hasPrefix(t.hasSuffix("/") ? t : t + "/") else { continue }
            throw refusal(
                given,
                p == t ? "is the \(input.role) input (\(input.path))" : "holds the \(input.role) input (\(input.path))",
                hint: "choose an output folder that holds none of the inputs, e.g. a new folder beside them")
        }
    }

    private func refusal(_ target: String, _ problem: String, hint: String) -> InputError {
        InputError(file: target, problem: problem + "; nothing was written or removed", hint: hint)
    }

    /// The path with symbolic links resolved (as far as it exists) and made absolute.
    static func resolved(_ path: String) -> URL {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    }

    static func isLink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// A few entries by name, for a message: "a.txt, b/ and 3 more".
    static func sample(_ entries: [String]) -> String {
        let shown = entries.prefix(3).joined(separator: ", ")
        return entries.count > 3 ? "\(shown) and \(entries.count - 3) more" : shown
    }
}
