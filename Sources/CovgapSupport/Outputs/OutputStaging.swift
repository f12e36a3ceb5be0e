import Foundation
import GDALBridge

/// Writes a run into a hidden folder beside the target and moves it into place only when complete, so a failed or
/// killed run leaves either nothing or the previous complete run at the target path. The target is first checked by
/// an `OutputGuard`, so only a new path, an empty folder or an earlier output of the same command is ever replaced.
public final class OutputStaging: Sendable {
    public let target: URL
    /// What may be replaced at the target; checked before anything is written and again just before the swap.
    public let outputGuard: OutputGuard
    /// Where outputs are written during the run.
    public let staging: URL
    /// Scratch rasters (removed before the folder is moved into place).
    public let scratch: URL

    /// Prepares the staging folder beside `path`, sweeping leftovers of killed runs; refuses an unwritable place and
    /// any path `outputGuard` refuses (a link is followed: the folder it names is the target).
    public init(target path: String, guard outputGuard: OutputGuard) throws {
        try outputGuard.check(path)
        self.outputGuard = outputGuard
        target = OutputGuard.resolved(path)
        let parent = target.deletingLastPathComponent()
        let fm = FileManager.default
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw InputError(
                file: parent.path,
                problem: "the output folder's parent cannot be created (\(error.localizedDescription))",
                hint: "choose an output path you can write to")
        }
        guard fm.isWritableFile(atPath: parent.path) else {
            throw InputError(
                file: parent.path, problem: "cannot write here", hint: "choose an output path you can write to")
        }
        staging = parent.appendingPathComponent(
            ".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        scratch = staging.appendingPathComponent(".scratch")
        OutputStaging.sweepLeftovers(in: parent, name: target.lastPathComponent)
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// Path of an output file inside the staging folder.
    public func file(_ name: String) -> String { staging.appendingPathComponent(name).path }

    /// Path of a scratch file.
    public func scratchFile(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    /// Every output written so far (scratch and the manifest left out), with sizes and SHA-256.
    public func outputFiles() throws -> [OutputFile] {
        try OutputLedger.files(in: staging).filter { !$0.path.hasPrefix(".scratch/") }
    }

    /// Writes the command's plain manifest (its files and hashes, and the `model` that made them if any), then
    /// commits.
    public func commitWithManifest(model: [String: String]? = nil) throws {
        try FileManager.default.removeItem(at: scratch)
        try CommandManifest.write(
            command: outputGuard.command, outputs: try outputFiles(), model: model, into: staging)
        try commit()
    }

    /// Removes scratch and moves the finished folder into place (atomic swap with an earlier run where one exists).
    /// `manifest.json`, listing the outputs, must already be written. The target is checked again first: whatever
    /// appeared there during the run is kept.
    public func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: scratch.path) { try fm.removeItem(at: scratch) }
        try outputGuard.check(target.path, deep: false)
        if fm.fileExists(atPath: target.path) {
            guard SystemCalls.exchange(staging.path, target.path) else {
                throw InternalError("cannot replace \(target.path) atomically; remove it and run again")
            }
            try fm.removeItem(at: staging)
        } else {
            try fm.moveItem(at: staging, to: target)
        }
    }

    /// Removes everything this run wrote.
    public func abandon() { try? FileManager.default.removeItem(at: staging) }

    /// Removes everything this run wrote and returns the error to report: a full disk is named as such, since GDAL
    /// often reports it as something else (SQLite "no such table", a failed TIFF write). Decided by the free space
    /// left.
    public func abandon(after error: Error) -> Error {
        let free =
            (try? FileManager.default.attributesOfFileSystem(forPath: staging.path)[.systemFreeSize] as? NSNumber)?
            .int64Value
        abandon()
        if let free, free < 1 << 20, !(error is InputError) {
            return OutputSpaceError(
                folder: target.deletingLastPathComponent().path, freeBytes: free, underlying: "\(error)")
        }
        return error
    }

    /// Removes staging folders of earlier runs of the same target whose process is gone (killed runs).
    static func sweepLeftovers(in parent: URL, name: String) {
        let prefix = ".\(name).partial-"
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for item in items where item.hasPrefix(prefix) {
            if let pid = Int32(item.dropFirst(prefix.count)), SystemCalls.processExists(pid) { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(item))
        }
    }
}

/// Writing the outputs failed because the output's file system is full. Exit code 1: not the input's fault.
public struct OutputSpaceError: Error, CustomStringConvertible, Sendable {
    public let folder: String
    public let freeBytes: Int64
    public let underlying: String

    public var description: String {
        "no space left on the device holding \(folder) (\(freeBytes) bytes free) while writing the outputs "
            + "(\(underlying))"
    }
}
