import NIOCore

/// Runs tasks' jobs on one SwiftNIO event loop: a task preferring it (`Task(executorPreference:)`,
/// `withTaskExecutorPreference`) runs on the loop's thread, so that I/O on the same loop and the code awaiting it need
/// no thread wake-up between them. Shared by the engine (players pinned to loops) and the reference target's gateway
/// (each connection's handlers on its own loop).
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop.
    public let loop: any EventLoop

    /// An executor running jobs on `loop`.
    public init(loop: any EventLoop) {
        self.loop = loop
    }

    /// Runs `job` on the loop.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}
