import CGDAL
import Synchronization

/// How serious a message GDAL reported through its error handler is.
public enum GDALMessageLevel: Sendable {
    case debug, warning, failure
}

/// A receiver for GDAL's messages (warnings, debug lines, failures), installed once at start-up.
public typealias GDALMessageSink = @Sendable (GDALMessageLevel, Int32, String) -> Void

/// An error GDAL, OGR, OSR or PROJ reported: the C call's context plus GDAL's own message.
public struct GDALError: Error, CustomStringConvertible, Sendable {
    /// CPL error number (`CPLE_*`), 0 when GDAL set none.
    public let code: Int32
    /// GDAL's message, or a description of the failed call when GDAL left none.
    public let message: String
    /// What the bridge was doing, e.g. "opening raster 'a.tif'".
    public let context: String

    public var description: String { message.isEmpty ? context : "\(context): \(message)" }
}

/// Process-wide GDAL set-up and the error plumbing every bridge call goes through.
public enum GDALRuntime {
    private static let sink = Mutex<GDALMessageSink?>(nil)
    private static let started = Mutex(false)

    /// GDAL block-cache size used unless the GDAL_CACHEMAX environment variable says otherwise.
    public static let defaultCacheBytes: Int64 = 128 << 20

    /// Registers all drivers and installs the one global CPL error handler (idempotent, thread-safe).
    public static func initialize(sink newSink: GDALMessageSink? = nil) {
        if let newSink { sink.withLock { $0 = newSink } }
        started.withLock { done in
            guard !done else { return }
            done = true
            GDALAllRegister()
            // Errors must be read by return value; GDAL's default handler would print to stderr.
            CPLSetErrorHandler(covgapCPLErrorHandler)
            CPLSetConfigOption("GDAL_NUM_THREADS", "1")
            // GDAL's block cache defaults to 5% of RAM and fills with warped blocks the kernel reads once: bound it to
            // `defaultCacheBytes` unless the user set GDAL_CACHEMAX (figures in benchmarks/RESULTS.md).
            if getenv("GDAL_CACHEMAX") == nil { GDALSetCacheMax64(GDALRuntime.defaultCacheBytes) }
            CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0")
        }
    }

    static func deliver(_ level: CPLErr, _ code: CPLErrorNum, _ message: UnsafePointer<CChar>?) {
        let text = message.map { String(cString: $0) } ?? ""
        let mapped: GDALMessageLevel
        switch level {
        case CE_Debug, CE_None: mapped = .debug
        case CE_Warning: mapped = .warning
        default: mapped = .failure
        }
        let receiver = sink.withLock { $0 }
        receiver?(mapped, code, text)
    }

    /// Takes this thread's last CPL error as a Swift error and clears it (per-thread state: call on the failing
    /// thread).
    static func takeError(_ context: String) -> GDALError {
        let message = String(cString: CPLGetLastErrorMsg())
        let code = CPLGetLastErrorNo()
        CPLErrorReset()
        return GDALError(code: code, message: message, context: context)
    }

    /// Clears this thread's last error before a call whose failure we want to attribute precisely.
    static func resetError() { CPLErrorReset() }

    /// Sets a GDAL configuration option for the whole process (e.g. GDAL_CACHEMAX).
    public static func setConfigOption(_ key: String, _ value: String?) {
        CPLSetConfigOption(key, value)
    }

    /// The GDAL release this process runs, e.g. "3.6.2".
    public static var version: String { String(cString: GDALVersionInfo("RELEASE_NAME")) }

    /// The PROJ release this process runs.
    public static var projVersion: String { String(cString: proj_info().release) }
}

/// The single global CPL error handler; a C function pointer, so it captures nothing.
private func covgapCPLErrorHandler(_ level: CPLErr, _ code: CPLErrorNum, _ message: UnsafePointer<CChar>?) {
    GDALRuntime.deliver(level, code, message)
}
