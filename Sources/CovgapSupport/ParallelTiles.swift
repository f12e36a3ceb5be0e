import Dispatch
import Synchronization

/// Runs `body` over tiles on `threads` workers with Dispatch. Each worker gets its own state from `makeWorker`
/// (its own GDAL handles); tiles are taken from a shared counter and each result lands in its tile's slot, so
/// the caller reads results in tile order whatever the scheduling. The first failing tile's error is rethrown.
public enum ParallelTiles {
    public static func run<Worker, Result: Sendable>(
        tileCount: Int, threads: Int,
        makeWorker: @Sendable (Int) throws -> Worker,
        body: @Sendable (inout Worker, Int) throws -> Result,
        finish: @Sendable (Int, Worker) -> Void = { _, _ in },
        progress: ProgressMeter = .silent
    ) throws -> [Result] {
        let slots = ResultSlots<Swift.Result<Result, Error>>(count: tileCount)
        let control = TileCounter()
        let workerErrors = ResultSlots<Error>(count: max(threads, 1))
        DispatchQueue.concurrentPerform(iterations: max(threads, 1)) { w in
            var worker: Worker
            do { worker = try makeWorker(w) } catch {
                workerErrors.set(w, error)
                control.failed.store(true, ordering: .relaxed)
                return
            }
            while !control.failed.load(ordering: .relaxed) {
                let t = control.next.wrappingAdd(1, ordering: .relaxed).oldValue
                if t >= tileCount { break }
                do {
                    slots.set(t, .success(try body(&worker, t)))
                    progress.tick()
                } catch {
                    slots.set(t, .failure(error))
                    control.failed.store(true, ordering: .relaxed)
                }
            }
            finish(w, worker)
        }
        if let e = workerErrors.values().first { throw e }
        var out: [Result] = []
        out.reserveCapacity(tileCount)
        for t in 0..<tileCount {
            switch slots.take(t) {
            case let .success(r)?: out.append(r)
            case let .failure(e)?: throw e
            case nil: break
            }
        }
        // A tile can be missing only after another failed; that failure was thrown above.
        guard out.count == tileCount else { throw InternalError("the kernel stopped before finishing every tile") }
        return out
    }
}

/// Fixed slots written by different threads at different indices, read after all writers have finished. Unchecked
/// because the slots are raw memory; what lands in them is `Sendable`, so only values cross threads.
public final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    let count: Int

    public init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Each index is written by exactly one thread.
    public func set(_ i: Int, _ value: T) { storage[i] = value }
    public func take(_ i: Int) -> T? { storage[i] }
    public func values() -> [T] { (0..<count).compactMap { storage[$0] } }
}

/// The shared tile counter and stop flag of one parallel run.
final class TileCounter: Sendable {
    let next = Atomic<Int>(0)
    let failed = Atomic<Bool>(false)
}
