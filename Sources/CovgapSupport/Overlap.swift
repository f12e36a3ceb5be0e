import Glibc

/// Two jobs at once: one on a thread of its own, one on the caller's, joined before returning. The thread is a plain
/// POSIX thread, not one of Dispatch's: a `ParallelTiles` run inside either job then gets its full width (nested in a
/// `concurrentPerform`, it would run its workers one by one). Only the background job's value crosses threads, so it
/// must be `Sendable`; the join orders its write before the caller's read.
public enum Overlap {
    public static func run<A: Sendable, B>(
        background: @Sendable () throws -> A, foreground: () throws -> B
    ) throws -> (A, B) {
        try withoutActuallyEscaping(background) { job in
            let context = BackgroundJob(job)
            let retained = Unmanaged<BackgroundJobBase>.passRetained(context).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(
                &thread, nil,
                { raw in
                    Unmanaged<BackgroundJobBase>.fromOpaque(raw!).takeRetainedValue().run()
                    return nil
                }, retained)
            guard started == 0 else {
                // No thread to be had: the two jobs run one after the other on this one.
                Unmanaged<BackgroundJobBase>.fromOpaque(retained).release()
                context.run()
                return (try context.result!.get(), try foreground())
            }
            let here = Result { try foreground() }
            pthread_join(thread, nil)
            return (try context.result!.get(), try here.get())
        }
    }
}

/// The entry point the C thread calls (non-generic: a C function pointer cannot name a generic type).
class BackgroundJobBase {
    func run() {}
}

/// The background job and, once it has run, its result.
final class BackgroundJob<A: Sendable>: BackgroundJobBase {
    let job: @Sendable () throws -> A
    var result: Result<A, Error>?

    init(_ job: @escaping @Sendable () throws -> A) { self.job = job }

    override func run() { result = Result { try job() } }
}
