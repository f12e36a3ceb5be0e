import CovgapSupport
import Foundation
import GRDB

/// The service's SQLite file (`covgap.sqlite` in the data folder), in WAL mode with full syncs: a write that was
/// answered has reached the disk's log, and a killed server loses nothing that was confirmed.
public final class ServeDatabase: Sendable {
    /// The pool: one writer, concurrent readers.
    let pool: DatabasePool
    /// Where the file lives.
    public let path: String

    /// The names a data folder may hold: the store, its WAL and shared-memory files, the reviews' scratch folder.
    static let ownNames: Set<String> = ["covgap.sqlite", "covgap.sqlite-wal", "covgap.sqlite-shm", "scratch"]

    /// Opens (creating when missing) the store in `dataDir` and brings its schema up to date. The folder must be new,
    /// empty or an earlier data folder (the store and nothing else): another folder is refused, untouched. The folder
    /// is made private to the service's user (0700) and the store 0600.
    public init(dataDir: String) throws {
        try ServeDatabase.checkDataDir(dataDir)
        let fm = FileManager.default
        try fm.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDir)
        path = dataDir + "/covgap.sqlite"
        let umask = SystemUmask.restrict()
        defer { SystemUmask.restore(umask) }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try ServeSchema.migrator.migrate(pool)
        for name in ["covgap.sqlite", "covgap.sqlite-wal", "covgap.sqlite-shm"]
        where fm.fileExists(atPath: dataDir + "/" + name) {
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dataDir + "/" + name)
        }
    }

    /// Refuses a data folder that is a file, or a folder holding anything but an earlier store.
    static func checkDataDir(_ dataDir: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataDir, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw InputError(
                file: dataDir, location: "key 'data_dir'", problem: "is a file, not a folder; nothing was changed",
                hint: "choose a new or empty folder for the service's data")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: dataDir).sorted()
        let strangers = entries.filter { !ownNames.contains($0) }
        guard strangers.isEmpty, entries.isEmpty || entries.contains("covgap.sqlite") else {
            let shown = (strangers.isEmpty ? entries : strangers).prefix(3).joined(separator: ", ")
            throw InputError(
                file: dataDir, location: "key 'data_dir'",
                problem:
                    "is not a covgap serve data folder: it holds \(shown)\(strangers.count > 3 ? " and more" : ""); "
                    + "nothing was changed",
                hint: "choose a new or empty folder for the service's data (covgap.sqlite is kept there)")
        }
    }

    /// The current time as the store writes it: ISO 8601, UTC, milliseconds.
    static func now() -> String { timestamp(Date()) }

    /// Today in Vietnam (UTC+7), YYYY-MM-DD: the day carriers and analysts mean.
    static func today() -> String { CalendarDay.today().description }

    /// A date as the store writes it.
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}

/// The schema, one migration per version. Submissions and status events are append-only, enforced by triggers.
enum ServeSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE tokens (
                        id TEXT PRIMARY KEY,
                        role TEXT NOT NULL CHECK (role IN ('province', 'carrier', 'analyst')),
                        scope TEXT NOT NULL,
                        label TEXT NOT NULL,
                        secret_sha256 TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        revoked_at TEXT);
                    CREATE TABLE runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        path TEXT NOT NULL,
                        manifest_sha256 TEXT NOT NULL,
                        carriers TEXT NOT NULL,
                        provinces TEXT NOT NULL,
                        published_at TEXT NOT NULL,
                        published_by TEXT NOT NULL);
                    CREATE TABLE submissions (
                        id TEXT PRIMARY KEY,
                        province TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        token_id TEXT NOT NULL REFERENCES tokens(id),
                        received_at TEXT NOT NULL,
                        filename TEXT NOT NULL,
                        media_type TEXT NOT NULL,
                        body BLOB NOT NULL,
                        body_sha256 TEXT NOT NULL,
                        summary_json TEXT NOT NULL,
                        rejected_csv BLOB NOT NULL,
                        reconciled_csv BLOB NOT NULL,
                        reconciled_geojson BLOB NOT NULL,
                        unreported_csv BLOB NOT NULL,
                        UNIQUE (province, seq));
                    CREATE TRIGGER submissions_immutable BEFORE UPDATE ON submissions
                        BEGIN SELECT RAISE(ABORT, 'submissions are immutable'); END;
                    CREATE TRIGGER submissions_kept BEFORE DELETE ON submissions
                        BEGIN SELECT RAISE(ABORT, 'submissions are kept'); END;
                    CREATE TABLE status_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        carrier TEXT NOT NULL,
                        work_order_id TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('in_progress', 'on_air', 'disputed')),
                        on_air_date TEXT,
                        measurement_json TEXT,
                        reason TEXT,
                        run_id INTEGER NOT NULL REFERENCES runs(id),
                        token_id TEXT NOT NULL REFERENCES tokens(id),
                        recorded_at TEXT NOT NULL);
                    CREATE INDEX status_events_order ON status_events (carrier, work_order_id, id);
                    CREATE TRIGGER status_events_immutable BEFORE UPDATE ON status_events
                        BEGIN SELECT RAISE(ABORT, 'status history is never overwritten'); END;
                    CREATE TRIGGER status_events_kept BEFORE DELETE ON status_events
                        BEGIN SELECT RAISE(ABORT, 'status history is kept'); END;
                    CREATE TABLE sessions (
                        id_sha256 TEXT PRIMARY KEY,
                        token_id TEXT NOT NULL REFERENCES tokens(id),
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL);
                    """)
        }
        m.registerMigration("v2") { db in
            // Every file of a run the service reads or serves, with size and SHA-256 at publishing (JSON list).
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN files TEXT NOT NULL DEFAULT '[]'")
        }
        return m
    }
}
